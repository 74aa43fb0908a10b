//! The navigation every served page shows (templates/layout.html). A module of its own because
//! lists.rs renders pages with that layout too, and the pages import lists: kept in pages, it
//! would make a circle.

/// Whether a navigation entry is the page shown.
pub fn same(a: &str, b: &str) -> bool {
    a == b
}

/// The navigation: address, name, and the page id templates compare with `current`.
pub const NAV: [(&str, &str, &str); 10] = [
    ("/", "Dashboard", "dashboard"),
    ("/checkin", "Check in", "checkin"),
    ("/wins", "Wins", "wins"),
    ("/tasks", "Tasks", "tasks"),
    ("/decision", "Decision", "decision"),
    ("/contacts", "Contacts", "contacts"),
    ("/opportunities", "Opportunities", "opportunities"),
    ("/market", "Market", "market"),
    ("/records", "Records", "records"),
    ("/files", "Files", "files"),
];
