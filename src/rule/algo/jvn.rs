//! Von Neumann's 29-state cellular automaton and its two extensions.
