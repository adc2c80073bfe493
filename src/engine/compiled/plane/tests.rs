//! The plane's tiles on their own, against a torus too large to wrap,
//! and on bounded grids.

mod cells {
    use super::super::*;

    #[test]
    fn cells_are_found_where_they_were_put_even_across_tiles() {
        let cells =
            [(-1, -1), (0, 0), (63, 64), (-65, 130), (1000, -1000)].map(|(y, x)| Cell::alive(y, x));
        let plane = Tiles::new(
            &cells,
            Rule::LIFE,
            Topology::Plane,
            EngineOptions::default(),
        )
        .expect("compiles");
        assert_eq!(plane.population(), 5);
        for cell in cells {
            assert_eq!(plane.get(cell.y, cell.x), State::ALIVE);
            assert_eq!(plane.get(cell.y, cell.x + 1), State::EMPTY);
        }
        let bounds = plane.bounding_box().expect("cells");
        assert_eq!(
            (bounds.top, bounds.left, bounds.bottom, bounds.right),
            (-65, -1000, 1000, 130)
        );
        let mut sorted = cells.to_vec();
        sorted.sort_by_key(|c| (c.y, c.x));
        assert_eq!(plane.cells_in(bounds), sorted);
        let corner = Rect {
            top: -1,
            left: -1,
            bottom: 0,
            right: 0,
        };
        assert_eq!(
            plane.cells_in(corner),
            [Cell::alive(-1, -1), Cell::alive(0, 0)]
        );
    }
}

mod against_the_torus {
    use super::super::*;
    use crate::{Engine, Grid, Sequential};

    /// The live cells of `grid`, moved by (`dy`, `dx`).
    fn live(grid: &Grid, dy: i32, dx: i32) -> Vec<Cell> {
        let mut cells = Vec::new();
        for (y, row) in grid.iter_rows().enumerate() {
            for (x, state) in row.iter().enumerate() {
                if state.is_alive() {
                    cells.push(Cell::alive(y as i32 + dy, x as i32 + dx));
                }
            }
        }
        cells
    }

    #[test]
    fn soups_run_as_on_a_torus_too_large_to_wrap() {
        for (seed, rule) in [
            (1, "B3/S23"),
            (2, "B36/S23"),
            (3, "B2-a/S12"),
            (4, "B2/S13V"),
            (5, "B3/S012345678"),
        ] {
            let rule: Rule = rule.parse().expect("rule");
            let soup = crate::soup::soup(40, 50, seed).expect("soup");
            // The soup in the middle of a torus with room for 100
            // generations of growth at the speed of light.
            let mut grid = Grid::new(300, 310).expect("grid");
            for (y, row) in soup.iter_rows().enumerate() {
                for (x, &state) in row.iter().enumerate() {
                    grid.assign(y as i32 + 130, x as i32 + 130, state);
                }
            }
            // Tile edges fall inside the soup: start it at -30, -20.
            let start = live(&grid, -160, -150);
            let mut plane = Tiles::new(
                &start,
                rule,
                Topology::Plane,
                EngineOptions {
                    threads: Some(1),
                    ..EngineOptions::default()
                },
            )
            .expect("compiles");
            let mut engine = Sequential::new(rule);
            let mut done = 0;
            for generations in [1, 1, 5, 13, 80] {
                engine.run(&mut grid, generations);
                plane.run(generations).expect("runs");
                done += generations;
                let expected = live(&grid, -160, -150);
                let all = Rect {
                    top: i32::MIN,
                    left: i32::MIN,
                    bottom: i32::MAX,
                    right: i32::MAX,
                };
                assert_eq!(plane.cells_in(all), expected, "{rule} after {done}");
                assert_eq!(plane.population(), expected.len() as u64);
            }
        }
    }

    #[test]
    fn a_glider_moves_one_cell_diagonally_every_four_generations() {
        let glider = [(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)].map(|(y, x)| Cell::alive(y, x));
        let mut plane = Tiles::new(
            &glider,
            Rule::LIFE,
            Topology::Plane,
            EngineOptions::default(),
        )
        .expect("compiles");
        plane.run(4000).expect("runs");
        let bounds = plane.bounding_box().expect("alive");
        assert_eq!(
            (bounds.top, bounds.left, bounds.bottom, bounds.right),
            (1000, 1000, 1002, 1002)
        );
        assert_eq!(plane.population(), 5);
        // It leaves no tiles behind.
        assert!(plane.index.len() <= 4, "{} tiles", plane.index.len());
    }
}

mod bounded {
    use super::super::*;

    /// The ring around a grid is gathered every generation, so grids too
    /// long for it are left to the coroutine blocks, not allocated.
    #[test]
    fn grids_too_long_to_join_are_refused() {
        let glider = [(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)].map(|(y, x)| Cell::alive(y, x));
        let huge: Rule = "B3/S23:P2000000000,20".parse().expect("rule");
        let refused = Tiles::new(&glider, huge, huge.topology(), EngineOptions::default());
        assert!(refused.is_err_and(|reason| reason.contains(":P2000000000,20")));
        let small: Rule = "B3/S23:P20,20".parse().expect("rule");
        assert!(Tiles::new(&glider, small, small.topology(), EngineOptions::default()).is_ok());
    }
}
