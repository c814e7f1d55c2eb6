//! The server's HTTP and CLI tests, in one binary: each test binary links the whole server,
//! and on two cores linking eleven of them took longer than running them.

mod common;

mod applications_api;
mod apply;
mod assess_api;
mod audit;
mod authorisation;
mod backup;
mod calendar;
mod cli;
mod failures;
mod instances;
mod messages;
mod migrate;
mod misuse;
mod pages;
mod parameters;
mod reports;
mod requests;
mod review;
mod tracking;
