//! Rule families Golly defines in code rather than in a rule file: the
//! Super family (`LifeHistory`, `LifeSuper`, `Investigator`, and any
//! two-state rule with `History` or `Super` after it) and von Neumann's
//! 29-state family (`JvN29`, `Nobili32`, `Hutton32`). Each decides a
//! cell's next state from its own state and its eight neighbours' states.

pub mod history;
pub mod jvn;
