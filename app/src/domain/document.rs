//! Documents a resident sends with an application: photos of papers or PDFs. Their type is
//! read from their first bytes, never from the name or the browser's word.

use crate::domain::words::spelled;
use serde::{Deserialize, Serialize};

/// The largest file accepted. Photos are shrunk in the browser to a long side of 2000 px
/// (well under 2 MB) first; this limit is for PDFs and for phones without JavaScript.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;
/// Documents per application (draft and after submission together). Operational, not policy:
/// enough for every paper RULES.md asks for, several times over, while one application cannot
/// fill the disk.
pub const MAX_DOCUMENTS: usize = 20;
/// Bytes per application, all its documents together: four PDFs at the single-file limit, or
/// twenty shrunk photos (under 2 MB each). Operational, for the same reason.
pub const MAX_DOCUMENTS_TOTAL_BYTES: usize = 40 * 1024 * 1024;
/// Files one upload form takes at once (its picker is `multiple`): a few papers photographed
/// in one go. The limits above still hold.
pub const MAX_FILES_AT_ONCE: usize = 5;

spelled! {
    pub enum DocumentKind {
        IdCard = "id_card",
        HouseholdRegister = "household_register",
        HospitalBill = "hospital_bill",
        Certificate = "certificate",
        Other = "other",
    }
}

impl DocumentKind {
    /// Its name in the reader's language.
    pub fn name(self, locale: crate::i18n::Locale) -> &'static str {
        locale.pick(self.label().0, self.label().1)
    }

    /// The name of a stored kind word; an unknown word as it is.
    pub fn name_of_word(word: &str, locale: crate::i18n::Locale) -> String {
        DocumentKind::parse(word).map_or_else(|| word.to_string(), |k| k.name(locale).to_string())
    }

    pub fn label(self) -> (&'static str, &'static str) {
        use crate::i18n::checks as words;
        let text = match self {
            DocumentKind::IdCard => words::KIND_ID_CARD,
            DocumentKind::HouseholdRegister => words::KIND_HOUSEHOLD_REGISTER,
            DocumentKind::HospitalBill => words::KIND_HOSPITAL_BILL,
            DocumentKind::Certificate => words::KIND_CERTIFICATE,
            DocumentKind::Other => words::KIND_OTHER,
        };
        (text.0, text.1)
    }
}

/// The smallest files that can hold a picture at all: a decodable JPEG needs its markers and
/// tables (the smallest known is over 100 bytes), a PNG its signature, header, data and end
/// chunks (67 bytes), a WebP its RIFF header and one image chunk (26 bytes). Anything shorter
/// starts like a picture but is not one (a truncated upload, a probe).
const MIN_JPEG_BYTES: usize = 100;
const MIN_PNG_BYTES: usize = 67;
const MIN_WEBP_BYTES: usize = 26;
/// A PDF ends with `%%EOF`; readers look for it near the end, so a file without it there was
/// cut off.
const PDF_END_MARKER: &[u8] = b"%%EOF";
const PDF_END_SEARCH: usize = 1024;

/// The file types accepted, by their first bytes: JPEG, PNG, WebP and PDF, each long enough
/// (and a PDF complete enough) to be a real file of its kind.
pub fn sniff_content_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        (bytes.len() >= MIN_JPEG_BYTES).then_some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        (bytes.len() >= MIN_PNG_BYTES).then_some("image/png")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        (bytes.len() >= MIN_WEBP_BYTES).then_some("image/webp")
    } else if bytes.starts_with(b"%PDF-") {
        let tail = &bytes[bytes.len().saturating_sub(PDF_END_SEARCH)..];
        let complete = tail.windows(PDF_END_MARKER.len()).any(|w| w == PDF_END_MARKER);
        complete.then_some("application/pdf")
    } else {
        None
    }
}

/// Why a document's record was not written (checked in the same transaction as the insert,
/// so that parallel uploads cannot pass the limits).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentRefusal {
    /// No such draft, or no application with this reference and phone ending.
    NotFound,
    /// `MAX_DOCUMENTS` already.
    TooMany,
    /// The documents together would pass `MAX_DOCUMENTS_TOTAL_BYTES`.
    TooLarge,
    /// The draft was submitted: documents now go through the tracking page.
    Submitted,
    /// The application is withdrawn, refused or paid (`Status::is_final`).
    Closed,
}

impl crate::rules::AnswerError for DocumentRefusal {
    /// What the resident reads at the document field, in Chinese and English.
    fn message(&self) -> (String, String) {
        use crate::i18n::checks as words;
        match self {
            DocumentRefusal::NotFound => words::DOCUMENT_NO_APPLICATION.pair(),
            DocumentRefusal::TooMany => words::too_many_documents(MAX_DOCUMENTS).pair(),
            DocumentRefusal::TooLarge => {
                words::documents_too_large(MAX_DOCUMENTS_TOTAL_BYTES / 1024 / 1024).pair()
            }
            DocumentRefusal::Submitted => words::DOCUMENT_AFTER_SUBMISSION.pair(),
            DocumentRefusal::Closed => words::DOCUMENT_CLOSED.pair(),
        }
    }
}

/// A document as listed to the resident and the town.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    pub id: i64,
    pub kind: String,
    pub content_type: String,
    pub byte_size: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of `len` bytes that starts with `head`.
    fn padded(head: &[u8], len: usize) -> Vec<u8> {
        let mut bytes = head.to_vec();
        bytes.resize(len, 0);
        bytes
    }

    fn jpeg(len: usize) -> Vec<u8> {
        padded(&[0xFF, 0xD8, 0xFF, 0xE0], len)
    }

    #[test]
    fn files_are_known_by_their_first_bytes() {
        assert_eq!(sniff_content_type(&jpeg(100)), Some("image/jpeg"));
        assert_eq!(
            sniff_content_type(&padded(b"\x89PNG\r\n\x1a\n", 67)),
            Some("image/png")
        );
        assert_eq!(
            sniff_content_type(&padded(b"RIFF\x10\0\0\0WEBPVP8 ", 26)),
            Some("image/webp")
        );
        assert_eq!(sniff_content_type(b"%PDF-1.4\n%%EOF\n"), Some("application/pdf"));
    }

    #[test]
    fn a_program_or_a_page_named_like_a_photo_is_refused() {
        assert_eq!(sniff_content_type(b"MZ\x90\0"), None);
        assert_eq!(sniff_content_type(b"<html><script>"), None);
        assert_eq!(sniff_content_type(b"GIF89a"), None);
        assert_eq!(sniff_content_type(b""), None);
    }

    #[test]
    fn a_file_too_short_to_be_a_photo_or_a_pdf_is_refused() {
        assert_eq!(sniff_content_type(&[0xFF, 0xD8, 0xFF]), None);
        assert_eq!(sniff_content_type(&jpeg(99)), None);
        assert_eq!(sniff_content_type(b"\x89PNG\r\n\x1a\n...."), None);
        assert_eq!(sniff_content_type(b"RIFF\x10\0\0\0WEBPVP8 "), None);
        // A PDF cut off before its end marker (a truncated download) is not a document either.
        assert_eq!(sniff_content_type(b"%PDF-1.7\n1 0 obj"), None);
    }

    #[test]
    fn kinds_read_back_from_their_words() {
        for kind in DocumentKind::ALL {
            assert_eq!(DocumentKind::parse(kind.word()), Some(kind));
        }
    }
}
