use super::*;

fn parse(text: &str) -> Result<Rule, RuleError> {
    text.parse()
}

fn rule(text: &str) -> Rule {
    parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn every_notation_of_life_is_life() {
    for text in [
        "B3/S23",
        "b3/s23",
        "B3S23",
        "S23/B3",
        "23/3",
        " B3/S23 ",
        "B3_S23",
        "B3/S23/C2",
        "23/3/2",
        "R1,C0,M0,S2..3,B3..3,NM",
        "R1,C0,S2-3,B3",
        "R1,C2,S2,3,B3,NM",
        "1,3,3,3,4",
        "B3/S2aceikn3",
        "B3/S2-3",
    ] {
        assert_eq!(parse(text), Ok(Rule::LIFE), "{text}");
    }
}

#[test]
fn canonical_display() {
    for (text, canonical) in [
        ("b36/s23", "B36/S23"),
        ("34/34", "B34/S34"),
        ("/2", "B2/S"),
        ("B2/S", "B2/S"),
        ("B/S34", "B/S34"),
        ("/01", "B01/S"),
        ("012345678/3", "B3/S012345678"),
        ("B0/S8", "B0/S8"),
        ("B3/S23:T80,40", "B3/S23:T80,40"),
        ("B3/S23:t64", "B3/S23:T64,64"),
        // von Neumann and hexagonal
        ("B2/S13V", "B2/S13V"),
        ("13/2v", "B2/S13V"),
        ("B2/S34H", "B2/S34H"),
        ("B245/S3H", "B245/S3H"),
        // Hensel
        ("B2-a/S12", "B2-a/S12"),
        ("B2cekin/S12", "B2-a/S12"),
        ("B3-cnqy/S23-a4ityz", "B3-cnqy/S23-a4ityz"),
        ("B3/2a34", "B3/S2a34"),
        ("12/2-a", "B2-a/S12"),
        ("B2nic/S", "B2cin/S"),
        ("B2ceikn/S", "B2-a/S"),
        ("B4-qjrtwz/S", "B4aceikny/S"),
        ("B2aceikn3/S", "B23/S"),
        ("B2-aceikn3/S", "B3/S"),
        // Generations
        ("/2/3", "B2/S/C3"),
        ("B2/S/C3", "B2/S/C3"),
        ("b2/s/g3", "B2/S/C3"),
        ("g3b2s", "B2/S/C3"),
        ("345/2/4", "B2/S345/C4"),
        ("B2/S345/C4", "B2/S345/C4"),
        ("B2-a/S12/C3", "B2-a/S12/C3"),
        ("12/2-a/3", "B2-a/S12/C3"),
        ("B2/S013/C3V", "B2/S013/C3V"),
        ("B3/S23/C3H", "B3/S23/C3H"),
        ("23//3H", "B/S23/C3H"),
        // Larger than Life
        ("R5,C0,M1,S34..58,B34..45,NM", "R5,C0,S33-57,B34-45"),
        ("r5,c2,m1,s34..58,b34..45,nm", "R5,C0,S33-57,B34-45"),
        ("5,34,45,34,58", "R5,C0,S33-57,B34-45"),
        ("R5,C2,S33-57,B34-45", "R5,C0,S33-57,B34-45"),
        ("R5,C0,M0,S33..57,B34..45,NM", "R5,C0,S33-57,B34-45"),
        (
            "R3,C2,S0,7-12,27,B8,12,20-27,NM",
            "R3,C0,S0,7-12,27,B8,12,20-27",
        ),
        ("R2,C0,S,B3,NN", "R2,C0,S,B3,NN"),
        ("R2,C3,S2-3,B3,NH", "R2,C3,S2-3,B3,NH"),
        ("R10,C255,M1,S2..3,B3..3,NM", "R10,C255,S1-2,B3"),
        ("R1,C0,M1,S1..1,B1..1,NN", "B1/S0V"),
        ("R1,C0,M1,S0..9,B9..9,NM", "B/S012345678"),
        ("R1,C0,S1,3,B2,NN", "B2/S13V"),
        ("R1,C3,S2-3,B3,NH", "B3/S23/C3H"),
        (
            "R5,C0,M1,S34..58,B34..45,NM:T500,40",
            "R5,C0,S33-57,B34-45:T500,40",
        ),
    ] {
        let rule = rule(text);
        assert_eq!(rule.to_string(), canonical, "{text}");
        assert_eq!(parse(canonical), Ok(rule), "{canonical} reparses");
    }
}

#[test]
fn families_states_and_neighbourhoods() {
    let cases = [
        (
            "B3/S23",
            Family::LifeLike,
            2,
            Neighbourhood::Moore { range: 1 },
        ),
        (
            "B2/S13V",
            Family::LifeLike,
            2,
            Neighbourhood::VonNeumann { range: 1 },
        ),
        (
            "B2/S34H",
            Family::LifeLike,
            2,
            Neighbourhood::Hexagonal { range: 1 },
        ),
        (
            "B2-a/S12",
            Family::Isotropic,
            2,
            Neighbourhood::Moore { range: 1 },
        ),
        (
            "/2/3",
            Family::Generations,
            3,
            Neighbourhood::Moore { range: 1 },
        ),
        (
            "R5,C0,M1,S34..58,B34..45,NM",
            Family::LargerThanLife,
            2,
            Neighbourhood::Moore { range: 5 },
        ),
        (
            "R10,C255,M1,S2..3,B3..3,NM",
            Family::LargerThanLife,
            255,
            Neighbourhood::Moore { range: 10 },
        ),
    ];
    for (text, family, states, neighbourhood) in cases {
        let rule = rule(text);
        assert_eq!(rule.family(), family, "{text}");
        assert_eq!(rule.states(), states, "{text}");
        assert_eq!(rule.neighbourhood(), neighbourhood, "{text}");
    }
    assert_eq!(Rule::LIFE.walk(), Walk::Moore);
    assert_eq!(rule("/2/3").walk(), Walk::Moore);
    assert_eq!(rule("B2-a/S12").walk(), Walk::Configuration);
    assert_eq!(
        rule("B2/S34H").walk(),
        Walk::Neighbourhood(Neighbourhood::Hexagonal { range: 1 })
    );
}

#[test]
fn the_game_logic_follows_the_sets() {
    let life = Rule::LIFE;
    let next = |state, n| life.next_state(state, n);
    assert_eq!(next(State::ALIVE, 1), State::EMPTY, "too few");
    assert_eq!(next(State::ALIVE, 2), State::ALIVE);
    assert_eq!(next(State::ALIVE, 3), State::ALIVE);
    assert_eq!(next(State::ALIVE, 4), State::EMPTY, "too many");
    assert_eq!(next(State::EMPTY, 3), State::ALIVE, "birth");
    assert_eq!(next(State::EMPTY, 2), State::EMPTY);
    // A two-state rule reads any other state as empty.
    assert_eq!(next(State::new(2), 3), State::ALIVE);
    assert_eq!(next(State::new(2), 2), State::EMPTY);
    let b0 = rule("B0/S");
    assert_eq!(b0.next_state(State::EMPTY, 0), State::ALIVE);
    assert_eq!(b0.next_state(State::ALIVE, 0), State::EMPTY);
}

#[test]
fn generations_cells_die_through_their_dying_states() {
    // Star Wars, 345/2/4: states 0, 1 (alive), 2 and 3 (dying).
    let star_wars = rule("345/2/4");
    let next = |state: u8, n| star_wars.next_state(State::new(state), n).value();
    assert_eq!(next(0, 2), 1, "birth on 2");
    assert_eq!(next(0, 3), 0);
    assert_eq!(next(1, 4), 1, "survival on 4");
    assert_eq!(
        next(1, 2),
        2,
        "a live cell that does not survive starts dying"
    );
    assert_eq!(next(2, 2), 3, "dying cells age whatever their neighbours");
    assert_eq!(next(3, 4), 0, "and leave from the last state");
    assert_eq!(next(9, 2), 0, "a state past the last dies at once");
}

#[test]
fn counting_the_middle_cell_shifts_only_survival() {
    // Bosco's rule with M1: a live cell counts itself, so 33 live neighbours
    // make 34 and it survives; an empty one needs 34 others to be born.
    let bosco = rule("R5,C0,M1,S34..58,B34..45,NM");
    assert_eq!(bosco.next_state(State::ALIVE, 33), State::ALIVE);
    assert_eq!(bosco.next_state(State::ALIVE, 32), State::EMPTY);
    assert_eq!(bosco.next_state(State::ALIVE, 57), State::ALIVE);
    assert_eq!(bosco.next_state(State::ALIVE, 58), State::EMPTY);
    assert_eq!(bosco.next_state(State::EMPTY, 33), State::EMPTY);
    assert_eq!(bosco.next_state(State::EMPTY, 34), State::ALIVE);
    // So it is the rule Golly's pattern collection writes in HROT
    // notation, without the middle cell and with survival one lower.
    assert_eq!(bosco, rule("R5,C2,S33-57,B34-45"));
}

#[test]
fn isotropic_rules_decide_on_the_configuration() {
    // Just Friends, B2-a/S12: birth on two live neighbours unless they are
    // an edge and a corner side by side.
    let just_friends = rule("B2-a/S12");
    let n_and_ne: u8 = 0b0000_0011; // north and north-east: 2a
    let n_and_s: u8 = 0b0001_0001; // north and south: 2i
    assert_eq!(configuration_class(n_and_ne), (2, Some('a')));
    assert_eq!(configuration_class(n_and_s), (2, Some('i')));
    assert_eq!(
        just_friends.next_state(State::EMPTY, n_and_ne.into()),
        State::EMPTY
    );
    assert_eq!(
        just_friends.next_state(State::EMPTY, n_and_s.into()),
        State::ALIVE
    );
    // Survival on 1 or 2, whatever the configuration.
    assert_eq!(
        just_friends.next_state(State::ALIVE, n_and_ne.into()),
        State::ALIVE
    );
    assert_eq!(just_friends.next_state(State::ALIVE, 0b111), State::EMPTY);
    let births: Vec<u32> = just_friends.births().collect();
    assert_eq!(births.len(), 20, "28 configurations of 2, less the 8 of 2a");
}

#[test]
fn errors_say_what_is_wrong() {
    assert_eq!(parse(""), Err(RuleError::Empty));
    assert_eq!(parse("   "), Err(RuleError::Empty));
    assert_eq!(
        parse("B9/S"),
        Err(RuleError::CountOutOfRange {
            count: 9,
            position: 2,
            neighbours: 8
        })
    );
    assert_eq!(
        parse("B3/S25V"),
        Err(RuleError::CountOutOfRange {
            count: 5,
            position: 6,
            neighbours: 4
        })
    );
    assert_eq!(
        parse("B3/S27H"),
        Err(RuleError::CountOutOfRange {
            count: 7,
            position: 6,
            neighbours: 6
        })
    );
    assert_eq!(
        parse("B3/S23x"),
        Err(RuleError::Unexpected {
            found: 'x',
            position: 7,
            expected: "a count, '/', 'B', 'S' or 'C'"
        })
    );
    assert_eq!(
        parse("B33/S"),
        Err(RuleError::Repeated {
            count: 3,
            set: 'B',
            position: 3
        })
    );
    assert_eq!(
        parse("23/3x"),
        Err(RuleError::Unexpected {
            found: 'x',
            position: 5,
            expected: "a count 0-8, '/' or the end of the rule"
        })
    );
    assert_eq!(parse("23"), Err(RuleError::Ambiguous("23".into())));
    // Golly reads a set left out as empty.
    assert_eq!(parse("B234").map(|r| r.to_string()), Ok("B234/S".into()));
    assert_eq!(parse("S23").map(|r| r.to_string()), Ok("B/S23".into()));
    // Neither set: not a rule string, so perhaps a rule file's name.
    assert_eq!(
        parse("C3"),
        Err(RuleError::UnknownName {
            name: "C3".into(),
            notation: Box::new(RuleError::MissingSet('B')),
        })
    );
    assert!(matches!(
        parse("B3/B3"),
        Err(RuleError::SetTwice { set: 'B', .. })
    ));
    assert_eq!(
        parse("B3/S23:T30,x"),
        Err(RuleError::Topology {
            suffix: ":T30,x".into(),
            problem: TopologyError::AfterHeight('x'),
        })
    );
    assert_eq!(
        parse("B3/S23:P30+1,20"),
        Err(RuleError::Topology {
            suffix: ":P30+1,20".into(),
            problem: TopologyError::CannotShift("plane"),
        })
    );
    assert_eq!(
        parse("B3/S23:Q30"),
        Err(RuleError::Topology {
            suffix: ":Q30".into(),
            problem: TopologyError::Unknown('Q'),
        })
    );
}

#[test]
fn every_bounded_grid_of_golly_is_read() {
    for (text, topology) in [
        // Golly reads ":" and ":T0,0" as the plane.
        ("B3/S23:", Topology::Plane),
        ("B3/S23:T0,0", Topology::Plane),
        (
            "B3/S23:P30,20",
            Topology::Bounded {
                width: 30,
                height: 20,
            },
        ),
        (
            "B3/S23:T0,20",
            Topology::Torus {
                width: 0,
                height: 20,
                shift: Shift::None,
            },
        ),
        (
            "B3/S23:T30+5,20",
            Topology::Torus {
                width: 30,
                height: 20,
                shift: Shift::Horizontal(5),
            },
        ),
        (
            "B3/S23:K30*+1,20",
            Topology::Klein {
                width: 30,
                height: 20,
                twist: Edges::Horizontal,
                shifted: true,
            },
        ),
        (
            "B3/S23:c30,20",
            Topology::Cross {
                width: 30,
                height: 20,
            },
        ),
        ("B3/S23:S30", Topology::Sphere { side: 30 }),
    ] {
        let read = rule(text);
        assert_eq!(read.topology(), topology, "{text}");
        assert_eq!(read, Rule::LIFE.with_topology(topology), "{text}");
        // Only a plain torus is a `Torus`.
        assert_eq!(read.torus(), None, "{text}");
    }
    assert_eq!(
        rule("B3/S23:T30,20").torus(),
        Some(Size { rows: 20, cols: 30 })
    );
}

#[test]
fn rules_on_every_topology_write_back_as_themselves() {
    for (text, canonical) in [
        ("B3/S23:P30,20", "B3/S23:P30,20"),
        ("B3/S23:p30", "B3/S23:P30,30"),
        ("B3/S23:P0,20", "B3/S23:P0,20"),
        ("B3/S23:P0,0", "B3/S23"),
        ("B3/S23:T", "B3/S23"),
        ("B3/S23:t0,20", "B3/S23:T0,20"),
        ("B3/S23:T30,0", "B3/S23:T30,0"),
        ("B3/S23:T30+5,20", "B3/S23:T30+5,20"),
        ("B3/S23:T30-35,20", "B3/S23:T30-5,20"),
        ("B3/S23:T30,20-2", "B3/S23:T30,20-2"),
        ("B3/S23:T30,20+20", "B3/S23:T30,20"),
        ("B3/S23:K30*,20", "B3/S23:K30*,20"),
        ("B3/S23:K30,20", "B3/S23:K30,20*"),
        ("B3/S23:K30*+7,20", "B3/S23:K30*+1,20"),
        ("B3/S23:K31*+1,20", "B3/S23:K31*,20"),
        ("B3/S23:K30,20*-1", "B3/S23:K30,20*+1"),
        ("B3/S23:C30,20", "B3/S23:C30,20"),
        ("B3/S23:s30", "B3/S23:S30"),
        ("B2-a/S12:K10*+1,5", "B2-a/S12:K10*+1,5"),
        ("/2/3:T9-1,4", "B2/S/C3:T9-1,4"),
        ("B2/S13V:S12", "B2/S13V:S12"),
        (
            "R5,C0,M1,S34..58,B34..45,NM:T0,500",
            "R5,C0,S33-57,B34-45:T0,500",
        ),
        ("R2,C0,S2-3,B3,NN:P100,0", "R2,C0,S2-3,B3,NN:P100,0"),
    ] {
        let read = rule(text);
        assert_eq!(read.to_string(), canonical, "{text}");
        assert_eq!(rule(canonical), read, "{text}");
    }
}

proptest::proptest! {
    #[test]
    fn rules_with_any_suffix_round_trip(
        body in proptest::sample::select(vec!["B3/S23", "B2-a/S12", "/2/3", "B2/S34H", "R3,C4,S2-9,B5"]),
        suffix in "[TtPpKkCcSsX]?[0-9]{0,3}[*]?([+-][0-9]{0,3})?(,[0-9]{0,3}[*]?([+-][0-9]{0,3})?)?",
    ) {
        let text = format!("{body}:{suffix}");
        if let Ok(read) = parse(&text) {
            let written = read.to_string();
            proptest::prop_assert_eq!(parse(&written), Ok(read), "{} wrote {}", text, written);
            proptest::prop_assert_eq!(read.topology(), suffix.parse::<Topology>().expect("the suffix"));
        }
    }
}

#[test]
fn errors_of_the_new_notations() {
    // Hensel letters
    assert_eq!(
        parse("B1a/S"),
        Err(RuleError::NoSuchLetter {
            letter: 'a',
            count: 1,
            position: 3,
            allowed: "ce".into()
        })
    );
    assert!(matches!(
        parse("B5z/S"),
        Err(RuleError::NoSuchLetter {
            letter: 'z',
            count: 5,
            ..
        })
    ));
    assert!(matches!(
        parse("B0c/S"),
        Err(RuleError::NoSuchLetter { count: 0, .. })
    ));
    assert!(matches!(
        parse("B2aa/S"),
        Err(RuleError::RepeatedLetter {
            letter: 'a',
            count: 2,
            position: 4
        })
    ));
    assert!(matches!(
        parse("B2a/S1V"),
        Err(RuleError::LettersNeedMoore { position: 3, .. })
    ));
    assert_eq!(parse("B2-/S1"), parse("B2/S1"), "leaving out no letter");
    // Generations
    assert_eq!(parse("/2/1"), Err(RuleError::States(1)));
    assert_eq!(parse("B2/S/C257"), Err(RuleError::States(257)));
    assert!(matches!(
        parse("B2/C3/C4/S"),
        Err(RuleError::SetTwice { set: 'C', .. })
    ));
    assert!(matches!(
        parse("/2/3x"),
        Err(RuleError::Unexpected {
            found: 'x',
            position: 5,
            ..
        })
    ));
    // Larger than Life
    assert_eq!(
        parse("R501,C0,S2-3,B3"),
        Err(RuleError::Range {
            range: 501,
            position: 2
        })
    );
    assert!(matches!(
        parse("R0,C0,S2,B3"),
        Err(RuleError::Range { range: 0, .. })
    ));
    assert_eq!(
        parse("R2,C0,M2,S2..3,B3..3,NM"),
        Err(RuleError::Middle {
            value: 2,
            position: 8
        })
    );
    assert_eq!(
        parse("R2,C0,S2-3,B3,NQ"),
        Err(RuleError::Neighbourhood {
            letter: 'Q',
            position: 16
        })
    );
    assert_eq!(
        parse("R2,C0,S5..3,B3"),
        Err(RuleError::Backwards {
            first: 5,
            last: 3,
            position: 8
        })
    );
    assert_eq!(
        parse("R1,C0,S2-3,B9"),
        Err(RuleError::CountOutOfRange {
            count: 9,
            position: 13,
            neighbours: 8
        })
    );
    // M1 adds the cell itself to what survival and birth may ask for.
    assert!(parse("R1,C0,M1,S9..9,B3..3,NM").is_ok());
    assert!(parse("R1,C0,M0,S9..9,B3..3,NM").is_err());
    assert_eq!(parse("R2,C257,S2,B3"), Err(RuleError::States(257)));
    assert!(matches!(
        parse("R2,C0,S2-3"),
        Err(RuleError::Unexpected {
            expected: "'B'",
            ..
        })
    ));
    assert!(matches!(
        parse("R2,C0,S2-3,B3,NMx"),
        Err(RuleError::Unexpected { found: 'x', .. })
    ));
    assert_eq!(
        parse("5,34,45,58,34"),
        Err(RuleError::Backwards {
            first: 58,
            last: 34,
            position: 9
        })
    );
    assert_eq!(
        parse(
            "MAPARYXfhZofugWaH7oaIDogBZofuhogOiAaIDogIAAgAAWaH7oaIDogGiA6ICAAIAAaIDogIAAgACAAIAAAAAAAA"
        ),
        Ok(Rule::LIFE)
    );
    assert!(matches!(parse("W111"), Err(RuleError::Unsupported(_))));
}

#[test]
fn error_messages_read_well() {
    assert_eq!(
        parse("B3/S23x").unwrap_err().to_string(),
        "unexpected 'x' at position 7 (expected a count, '/', 'B', 'S' or 'C')"
    );
    assert_eq!(
        parse("B9/S").unwrap_err().to_string(),
        "neighbour count 9 at position 2 is out of range (a cell has 8 neighbours)"
    );
    assert_eq!(
        parse("B1a/S").unwrap_err().to_string(),
        "there is no configuration 1a (position 3): the letters for 1 are \"ce\""
    );
    assert_eq!(
        parse("R600,C0,S2,B3").unwrap_err().to_string(),
        "range 600 at position 2 is out of range (1 to 500)"
    );
}

#[test]
fn constructors_check_their_counts() {
    assert_eq!(Rule::new(&[3], &[2, 3]), Ok(Rule::LIFE));
    assert!(Rule::new(&[9], &[]).is_err());
    assert!(Rule::new(&[3, 3], &[]).is_err());
    let hex = Rule::totalistic(Neighbourhood::Hexagonal { range: 1 }, &[2], &[3, 4], 2);
    assert_eq!(hex, Ok(rule("B2/S34H")));
    assert!(Rule::totalistic(Neighbourhood::VonNeumann { range: 1 }, &[5], &[], 2).is_err());
    assert!(Rule::totalistic(Neighbourhood::Moore { range: 501 }, &[5], &[], 2).is_err());
    assert_eq!(
        Rule::totalistic(Neighbourhood::Moore { range: 1 }, &[2], &[], 3),
        Ok(rule("/2/3"))
    );
}

#[test]
fn a_rule_is_a_small_copyable_value() {
    // Engines and errors hold their rule by value.
    assert!(
        std::mem::size_of::<Rule>() <= 112,
        "{}",
        std::mem::size_of::<Rule>()
    );
}

#[test]
fn large_counts_are_kept_as_a_few_runs() {
    let wide = rule("R10,C0,S200-300,350,400-440,B3,5,7,9,11,13,15,17,19,21,23");
    assert_eq!(
        wide.to_string(),
        "R10,C0,S200-300,350,400-440,B3,5,7,9,11,13,15,17,19,21,23"
    );
    assert_eq!(wide.next_state(State::ALIVE, 350), State::ALIVE);
    assert_eq!(wide.next_state(State::ALIVE, 351), State::EMPTY);
    assert_eq!(wide.next_state(State::ALIVE, 440), State::ALIVE);
    assert_eq!(wide.next_state(State::EMPTY, 23), State::ALIVE);
    assert_eq!(
        parse("R10,C0,S300,302,304,306,308,310,312,314,B3"),
        Err(RuleError::TooManyRuns { set: 'S', runs: 8 })
    );
}

#[test]
fn a_map_string_may_hold_slashes_before_its_states() {
    // Base64 has `/` among its digits; the states' `/` follows the map.
    let map =
        "MAPAAD//zAwPz8AAP//MDA/PwAA//8AAP//AAD//wAA//8AAD8/AAD//wAAPz8AAP//wMD//wAA///AwP//AAD//w";
    let two = rule(map);
    assert_eq!(two.states(), 2);
    let three = rule(&format!("{map}/3"));
    assert_eq!(three.states(), 3);
    assert_eq!(rule(&format!("{map}==/3")), three);
    assert!(format!("{map}/x").parse::<Rule>().is_err());
}
