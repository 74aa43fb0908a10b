//! milemarker's domain and decision engine. Pure: no I/O, no clock, and randomness only from a
//! seed the caller passes in.

pub mod career;
pub mod decision;
pub mod evidence;
pub mod example;
pub mod invalid;
pub mod life;
pub mod limits;
pub mod markers;
pub mod network;
pub mod review;
pub mod skills;
pub mod text;
pub mod tracker;
pub mod vcard;
pub mod week;
