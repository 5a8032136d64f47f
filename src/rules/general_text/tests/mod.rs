//! Tests of the text helpers, with the slow definitions the fast versions replace.

#[cfg(test)]
mod halfwidth_tests;
#[cfg(test)]
mod referral_tests;
#[cfg(test)]
mod similarity_tests;
#[cfg(test)]
mod text_helpers;
#[cfg(test)]
mod url_tests;
