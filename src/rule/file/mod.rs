//! Golly's `.rule` files: rule tables and rule trees, with the names and
//! colours of their states.
