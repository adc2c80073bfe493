//! Rules known by name: finding a pattern's rule file (beside it, in
//! `--rules`, in `COROLIFE_RULES`), the errors when it is missing or bad,
//! and a rule table running exactly as the rule string it spells out.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::util::{TempDir, assert_refused, corolife};

fn lookup() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lookup")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The RLE body (cells only) of an RLE output.
fn body(rle: &str) -> String {
    rle.lines()
        .skip_while(|line| !line.starts_with("x ="))
        .skip(1)
        .collect()
}

/// Runs `corolife` with no rule directories but those given.
fn run(args: &[&str], rules_env: Option<&str>) -> Output {
    let mut command = corolife();
    command.args(args).env_remove("COROLIFE_RULES");
    // Keep the user's own rule directory out of the search.
    command.env("XDG_DATA_HOME", lookup().join("no-such-dir"));
    command.env("HOME", lookup().join("no-such-dir"));
    if let Some(dirs) = rules_env {
        command.env("COROLIFE_RULES", dirs);
    }
    command.output().expect("corolife starts")
}

#[test]
fn a_rule_table_runs_exactly_as_the_rule_it_spells_out() {
    let soup = lookup().join("seeds-soup.rle");
    let soup = soup.to_str().expect("utf-8 path");
    for gens in ["1", "7", "40"] {
        let table = stdout(&run(
            &["run", soup, "--gens", gens, "--output", "rle"],
            None,
        ));
        assert!(table.contains("rule = SeedsTable"), "{table}");
        let string = stdout(&run(
            &[
                "run", soup, "--rule", "B2/S", "--gens", gens, "--output", "rle",
            ],
            None,
        ));
        assert_eq!(body(&table), body(&string), "after {gens} generations");
        // On a torus too, where the engines differ.
        let torus = |rule: &str| {
            let output = run(
                &[
                    "run", soup, "--rule", rule, "--gens", gens, "--output", "rle",
                ],
                None,
            );
            body(&stdout(&output))
        };
        assert_eq!(torus("SeedsTable:T16,12"), torus("B2/S:T16,12"));
    }
}

#[test]
fn a_rule_file_is_found_in_rules_directories_and_in_the_environment() {
    let dir = TempDir::new("rule-lookup");
    let pattern = dir.join("soup.rle");
    std::fs::copy(lookup().join("seeds-soup.rle"), &pattern).expect("copy");
    let pattern = pattern.to_str().expect("utf-8 path");
    let lookup = lookup();
    let lookup = lookup.to_str().expect("utf-8 path");
    let args = ["run", pattern, "--gens", "3", "--output", "rle"];

    // Not beside the pattern any more: refused, naming the rule and the
    // directories looked in.
    let missing = run(&args, None);
    assert_refused(&missing, &["SeedsTable.rule", "SeedsTable", "line 3"]);
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(
        err.contains(dir.join("").to_string_lossy().trim_end_matches('/')),
        "{err}"
    );

    let mut with_flag = args.to_vec();
    with_flag.extend(["--rules", lookup]);
    let found = stdout(&run(&with_flag, None));
    let from_env = stdout(&run(&args, Some(&format!("/no/such/dir:{lookup}"))));
    assert_eq!(found, from_env);
    assert!(found.contains("rule = SeedsTable"), "{found}");

    // --rule names a rule file too.
    let glider = run(
        &[
            "run",
            "glider",
            "--rule",
            "SeedsTable",
            "--rules",
            lookup,
            "--gens",
            "1",
            "--output",
            "rle",
        ],
        None,
    );
    assert!(stdout(&glider).contains("rule = SeedsTable"));
    let unknown = run(
        &["run", "glider", "--rule", "NoSuchRule", "--gens", "1"],
        None,
    );
    assert_refused(&unknown, &["NoSuchRule.rule"]);
}

#[test]
fn a_bad_rule_file_is_refused_with_its_path_line_and_column() {
    let broken = lookup().join("broken.rle");
    let output = run(
        &["run", broken.to_str().expect("utf-8 path"), "--gens", "1"],
        None,
    );
    assert_refused(&output, &["Broken.rule", "line 6, column"]);
}

#[test]
fn info_names_a_named_rule_its_family_and_states() {
    let output = run(&["info", "wireworld-clock"], None);
    let text = stdout(&output);
    assert!(text.contains("WireWorld (rule table, 4 states)"), "{text}");
}

#[test]
fn a_family_of_rule_files_shares_the_names_and_colours_of_its_shared_file() {
    use corolife::render::Rgb;
    use corolife::rule::search::RuleSearch;
    let dir = TempDir::new("rule-shared");
    let table = |name: &str, extra: &str| {
        format!(
            "@RULE {name}\n@TABLE\nn_states:3\nneighborhood:Moore\nsymmetries:none\n\
             1,0,0,0,0,0,0,0,0,2\n{extra}"
        )
    };
    let shared = table(
        "Worm-shared",
        "@NAMES\n1 head\n2 trail\n@COLORS\n2 0 0 255\n",
    );
    std::fs::write(dir.join("Worm-shared.rule"), shared).expect("write");
    std::fs::write(dir.join("Worm-7.rule"), table("Worm-7", "")).expect("write");
    std::fs::write(
        dir.join("Worm-8.rule"),
        table("Worm-8", "@COLORS\n1 0 255 0\n"),
    )
    .expect("write");
    let search = RuleSearch::new([dir.join("")]);
    let named = |name: &str| {
        search
            .load(name)
            .expect("a rule file")
            .named_rule()
            .expect("a named rule")
    };
    let worm = named("Worm-7");
    assert_eq!(worm.state_names()[1], "head");
    assert_eq!(worm.colours()[2], Rgb::new(0, 0, 255));
    // Its own default where the shared file sets nothing: Golly's red.
    assert_eq!(worm.colours()[1], Rgb::new(255, 0, 0));
    // A file with its own @COLORS keeps them, and still borrows names.
    let own = named("Worm-8");
    assert_eq!(own.colours()[1], Rgb::new(0, 255, 0));
    assert_ne!(own.colours()[2], Rgb::new(0, 0, 255));
    assert_eq!(own.state_names()[2], "trail");
}
