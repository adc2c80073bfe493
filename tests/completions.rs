//! `corolife completions` and `corolife man`: scripts and pages made from
//! the command line's definitions.

use crate::util::{assert_refused, run};

/// The subcommands every script and the man page must know.
const SUBCOMMANDS: [&str; 10] = [
    "run",
    "bench",
    "convert",
    "info",
    "list",
    "render",
    "plot",
    "completions",
    "man",
    "animate",
];

fn stdout_of(args: &[&str]) -> String {
    let output = run(args);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{args:?}: {err}");
    assert_eq!(err, "", "stderr");
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn the_bash_script_completes_the_subcommands_and_parses() {
    let script = stdout_of(&["completions", "bash"]);
    assert!(script.contains("_corolife()"), "a completion function");
    assert!(script.contains("complete -F _corolife"), "registered");
    // The words offered after `corolife`: its options and subcommands.
    let top: Vec<&str> = script
        .lines()
        .filter_map(|line| line.trim().strip_prefix("opts=\""))
        .find(|words| words.contains("--version"))
        .expect("the top level's words")
        .trim_end_matches('"')
        .split(' ')
        .collect();
    for name in SUBCOMMANDS {
        assert!(top.contains(&name), "{name} in {top:?}");
    }
    assert!(script.contains("--gens"), "the subcommands' options too");
    // bash itself reads it without a syntax error.
    let checked = std::process::Command::new("bash")
        .args(["-n", "-c", &script])
        .output();
    if let Ok(checked) = checked {
        assert!(
            checked.status.success(),
            "{}",
            String::from_utf8_lossy(&checked.stderr)
        );
    }
}

#[test]
fn every_shell_gets_a_script_naming_the_subcommands() {
    for (shell, marker) in [
        ("zsh", "#compdef corolife"),
        ("fish", "complete -c corolife"),
        ("elvish", "edit:completion:arg-completer[corolife]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = stdout_of(&["completions", shell]);
        assert!(script.contains(marker), "{shell}: {marker}");
        for name in ["run", "render", "plot", "man"] {
            assert!(script.contains(name), "{shell}: {name}");
        }
    }
    assert_refused(&run(&["completions", "tcsh"]), &["tcsh", "bash"]);
}

#[test]
fn the_man_page_is_roff_naming_the_subcommands() {
    let page = stdout_of(&["man"]);
    assert!(
        page.contains(".TH corolife 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    assert!(page.contains(".SH NAME\ncorolife \\- "), "a NAME section");
    assert!(page.contains(".SH SYNOPSIS"));
    assert!(page.contains(".SH SUBCOMMANDS"));
    for name in SUBCOMMANDS {
        assert!(page.contains(&format!("corolife\\-{name}(1)")), "{name}");
    }
    // Every line is a roff request or text, never a stray escape.
    assert!(page.lines().all(|line| !line.starts_with('\'')));
}

#[test]
fn each_subcommand_has_its_own_man_page() {
    let page = stdout_of(&["man", "plot"]);
    assert!(page.contains(".TH corolife-plot 1"), "{page}");
    assert!(page.contains("corolife\\-plot \\- Chart"), "{page}");
    assert!(page.contains("\\fB\\-\\-gens\\fR"), "its options");
    assert!(page.contains("corolife 0.1.0") || page.contains(env!("CARGO_PKG_VERSION")));
    assert_refused(&run(&["man", "nope"]), &["nope", "plot", "render"]);
}
