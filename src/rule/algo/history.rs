//! The Super family: Life-like rules whose cells remember their history.
