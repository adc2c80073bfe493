//! Tests for the `.rule` reader (not yet written).
