//! Printing tests against the oracle transcripts.
