//! Rule strings of the triangular, Gaussian, weighted and custom shapes:
//! what they read as, how they write back, and where a bad one is wrong.

use crate::rule::RuleError;
use crate::{Neighbourhood, Rule, State};

fn rule(text: &str) -> Rule {
    text.parse()
        .unwrap_or_else(|error| panic!("{text}: {error}"))
}

#[test]
fn rules_write_back_in_golly_s_canonical_form() {
    for (text, canonical) in [
        ("R1,C2,S1,B1,10,11,12,NL", "R1,C0,S1,B1,10-12,NL"),
        ("r10,c0,s230-392,b200-398,nl", "R10,C0,S230-392,B200-398,NL"),
        ("R250,C0,S1,B1,NL:T1000,1000", "R250,C0,S1,B1,NL:T1000,1000"),
        ("R3,C0,S24-31,B24-28,NG", "R3,C0,S24-31,B24-28,NG"),
        // M1 moves survival down by one, as for the other shapes.
        ("R3,C2,M1,S24..31,B24..28,NG", "R3,C0,S23-30,B24-28,NG"),
        ("R1,C0,S2-6,B3-5,NW123401323", "R1,C0,S2-6,B3-5,NW123401323"),
        (
            "r1,c0,s1,b1,nw0810080a850a081008h",
            "R1,C0,S1,B1,NW0810080A850A081008H",
        ),
        // Golly reads a weighted rule's counts as written whatever M says.
        (
            "R1,C0,M1,S2..6,B3..5,NW123401323",
            "R1,C0,S2-6,B3-5,NW123401323",
        ),
        (
            "R1,C3,S3-8,B4-6,NW121202121,012L",
            "R1,C3,S3-8,B4-6,NW121202121,012L",
        ),
        ("R2,C0,S2-5,B3-4,N@891891", "R2,C0,S2-5,B3-4,N@891891"),
        (
            "R2,C0,S2-5,B3-4,N@891891l:P30,20",
            "R2,C0,S2-5,B3-4,N@891891L:P30,20",
        ),
        // Range 1 keeps its notation: B/S has no such shapes.
        ("R1,C0,S2-3,B3,NL", "R1,C0,S2-3,B3,NL"),
    ] {
        let parsed = rule(text);
        assert_eq!(parsed.to_string(), canonical, "{text}");
        assert_eq!(rule(canonical), parsed, "{canonical}");
    }
}

#[test]
fn the_counts_follow_golly_s_limits() {
    // NL at range 1: 12 cells; counts of the cell itself too under M1.
    assert!("R1,C0,S12,B12,NL".parse::<Rule>().is_ok());
    assert_eq!(
        "R1,C0,S13,B3,NL".parse::<Rule>(),
        Err(RuleError::CountOutOfRange {
            count: 13,
            position: 8,
            neighbours: 12
        })
    );
    assert!("R1,C0,M1,S13..13,B3..3,NL".parse::<Rule>().is_ok());
    // NG at range 1: the whole square weighs (1 + 1)^4 = 16.
    assert!("R1,C0,S16,B12,NG".parse::<Rule>().is_ok());
    assert!(matches!(
        "R1,C0,S17,B12,NG".parse::<Rule>(),
        Err(RuleError::CountOutOfRange { count: 17, .. })
    ));
    // NW: the positive weights, 1 + 2 + 3 + 4 + 1 + 3 + 2 + 3 = 19.
    assert!("R1,C0,S19,B19,NW123401323".parse::<Rule>().is_ok());
    assert!(matches!(
        "R1,C0,S2,B30,NW123401323".parse::<Rule>(),
        Err(RuleError::CountOutOfRange {
            count: 30,
            position: 11,
            neighbours: 19
        })
    ));
    // N@: its cells.
    assert!(matches!(
        "R2,C0,S9,B3,N@891891".parse::<Rule>(),
        Err(RuleError::CountOutOfRange { neighbours: 8, .. })
    ));
}

#[test]
fn bad_strings_are_refused_where_they_go_wrong() {
    let unexpected = |text: &str| match text.parse::<Rule>() {
        Err(RuleError::Unexpected {
            found, position, ..
        }) => (found, position),
        other => panic!("{text}: {other:?}"),
    };
    // Eight digits where range 1 takes nine (or eighteen): the rule ends
    // at column 23.
    assert_eq!(unexpected("R1,C0,S2,B3,NW12340132"), (' ', 23));
    assert_eq!(unexpected("R1,C0,S2,B3,NW12340132G"), ('G', 23));
    // Ten digits: one too many for one a cell, too few for two.
    assert_eq!(unexpected("R1,C0,S2,B3,NW1234013231"), (' ', 25));
    assert_eq!(unexpected("R1,C0,S2,B3,NW123401323X"), ('X', 24));
    // State weights: one for each of the three states.
    assert_eq!(unexpected("R1,C3,S2,B3,NW123401323,01"), (' ', 27));
    assert_eq!(unexpected("R1,C3,S2,B3,NW123401323,0123"), ('3', 28));
    assert_eq!(unexpected("R1,C0,S2,B3,NW123401323,"), (' ', 25));
    // N@ at range 2 takes 6 digits.
    assert_eq!(unexpected("R2,C0,S2,B3,N@89189"), (' ', 20));
    assert_eq!(unexpected("R2,C0,S2,B3,N@8918912"), ('2', 21));
    assert_eq!(unexpected("R2,C0,S2,B3,N@891891LL"), ('L', 22));
    assert_eq!(unexpected("R2,C0,S2,B3,N"), (' ', 14));
    assert_eq!(
        "R251,C0,S2,B3,NL".parse::<Rule>(),
        Err(RuleError::ShapeRange {
            range: 251,
            position: 2,
            letter: 'L',
            max: 250
        })
    );
    assert_eq!(
        "R51,C0,S2,B3,NG".parse::<Rule>(),
        Err(RuleError::ShapeRange {
            range: 51,
            position: 2,
            letter: 'G',
            max: 50
        })
    );
    assert_eq!(
        "R2,C0,S2,B3,NQ".parse::<Rule>(),
        Err(RuleError::Neighbourhood {
            letter: 'Q',
            position: 14
        })
    );
    // Positions count from the start of the string, spaces included.
    assert_eq!(unexpected("  R1,C0,S2,B3,NW12340132"), (' ', 25));
}

#[test]
fn weighted_rules_decide_on_the_weighted_sum_with_the_cell_s_own_weight() {
    // 1 1 1 / 1 5 1 / 1 1 1: a live cell alone counts 5.
    let heavy = rule("R1,C0,S5,B2,NW111151111");
    let none = [State::EMPTY; 8];
    assert_eq!(heavy.next_state_of(State::ALIVE, none), State::ALIVE);
    let mut two = none;
    two[0] = State::ALIVE;
    two[4] = State::ALIVE;
    assert_eq!(heavy.next_state_of(State::EMPTY, two), State::ALIVE);
    assert_eq!(heavy.next_state_of(State::ALIVE, two), State::EMPTY);
    assert!(matches!(heavy.neighbourhood(), Neighbourhood::Weighted(_)));
    // Gaussian, range 1: 1 2 1 / 2 4 2 / 1 2 1; north and north-east
    // alive count 3, and the live cell adds 4.
    let gauss = rule("R1,C0,S7,B3,NG");
    let mut corner = none;
    corner[0] = State::ALIVE;
    corner[1] = State::ALIVE;
    assert_eq!(gauss.next_state_of(State::EMPTY, corner), State::ALIVE);
    assert_eq!(gauss.next_state_of(State::ALIVE, corner), State::ALIVE);
    assert_eq!(gauss.next_state_of(State::ALIVE, none), State::EMPTY);
}
