//! Course sessions: a course's `sessions:` → checked [`Session`]s, sorted into upcoming and past
//! by the build date, and written as iCalendar files (RFC 5545) that calendar apps import: one
//! per course and one of every upcoming session of a language.

use chrono::{Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use serde::Deserialize;
use serde_json::Value;

/// The `[calendar]` table of `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSettings {
    /// The UTC offset of the times written in sessions (default `+08:00`, China).
    #[serde(default = "china")]
    pub utc_offset: String,
}

fn china() -> String {
    "+08:00".into()
}

impl Default for CalendarSettings {
    fn default() -> Self {
        CalendarSettings {
            utc_offset: china(),
        }
    }
}

impl CalendarSettings {
    /// The offset, or why it cannot be read.
    pub fn offset(&self) -> Result<FixedOffset, String> {
        format!("2000-01-01T00:00:00{}", self.utc_offset)
            .parse::<chrono::DateTime<FixedOffset>>()
            .map(|d| *d.offset())
            .map_err(|_| {
                format!(
                    "[calendar] utc_offset `{}` is not a UTC offset: expected e.g. \"+08:00\"",
                    self.utc_offset
                )
            })
    }
}

/// One session of a course.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The day.
    pub date: NaiveDate,
    /// Start and end times, when given (`14:00–16:00`).
    pub start: Option<NaiveTime>,
    /// End time.
    pub end: Option<NaiveTime>,
    /// The time as written.
    pub time: Option<String>,
    /// Where: a room.
    pub place: Option<String>,
    /// Or a link to join online.
    pub online: Option<String>,
    /// Where to register for this session (else the course's `registration`).
    pub registration: Option<String>,
    /// Seats.
    pub capacity: Option<u64>,
}

/// How long a session with a start time but no end time lasts.
const DEFAULT_LENGTH: Duration = Duration::hours(2);

impl Session {
    /// When a session that starts at `start` begins and ends, in local time: at its end time,
    /// else [`DEFAULT_LENGTH`] later, on the next day if that is past midnight (`23:00` ends at
    /// 01:00 the day after, never before it starts).
    fn span(&self, start: NaiveTime) -> (NaiveDateTime, NaiveDateTime) {
        let start = self.date.and_time(start);
        let end = match self.end {
            Some(end) => self.date.and_time(end),
            // Only the last day chrono knows has no day after: end at its last minute.
            None => start
                .checked_add_signed(DEFAULT_LENGTH)
                .unwrap_or(NaiveDateTime::MAX),
        };
        (start, end)
    }
}

const KEYS: [&str; 6] = [
    "date",
    "time",
    "place",
    "online",
    "registration",
    "capacity",
];

/// Reads a course's `sessions` field. Errors are (index of the session, message).
pub fn read_sessions(value: &Value) -> Result<Vec<Session>, Vec<(usize, String)>> {
    let Value::Array(items) = value else {
        return Err(vec![(
            0,
            "`sessions` must be a list of `{date: 2025-10-14, time: \"14:00–16:00\", place: …}`"
                .into(),
        )]);
    };
    let mut sessions = Vec::new();
    let mut errors = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match read_session(item) {
            Ok(s) => sessions.push(s),
            Err(e) => errors.push((i, e)),
        }
    }
    if errors.is_empty() {
        sessions.sort_by_key(|s| (s.date, s.start));
        Ok(sessions)
    } else {
        Err(errors)
    }
}

fn read_session(item: &Value) -> Result<Session, String> {
    let Value::Object(map) = item else {
        return Err("a session must be a map: `{date: 2025-10-14, time: \"14:00–16:00\"}`".into());
    };
    if let Some(key) = map.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(format!(
            "unknown session field `{key}`: expected {}",
            KEYS.map(|k| format!("`{k}`")).join(", ")
        ));
    }
    let text = |key: &str| match map.get(key) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let date_text = text("date").ok_or("a session needs a `date` (YYYY-MM-DD)")?;
    let date = NaiveDate::parse_from_str(&date_text, "%Y-%m-%d")
        .map_err(|_| format!("invalid session date `{date_text}`: expected YYYY-MM-DD"))?;
    let time = text("time");
    let (start, end) = match &time {
        Some(t) => parse_times(t)?,
        None => (None, None),
    };
    let capacity = match map.get("capacity") {
        None => None,
        Some(v) => Some(v.as_u64().ok_or("`capacity` must be a whole number")?),
    };
    Ok(Session {
        date,
        start,
        end,
        time,
        place: text("place"),
        online: text("online"),
        registration: text("registration"),
        capacity,
    })
}

/// `14:00–16:00` (en dash, hyphen or `~`), or a start time alone.
fn parse_times(text: &str) -> Result<(Option<NaiveTime>, Option<NaiveTime>), String> {
    let error = || format!("invalid session time `{text}`: expected `14:00–16:00` or `14:00`");
    let mut parts = text.split(['–', '—', '-', '~', '～']).map(str::trim);
    let start = parts.next().filter(|s| !s.is_empty()).ok_or_else(error)?;
    let start = NaiveTime::parse_from_str(start, "%H:%M").map_err(|_| error())?;
    let end = match parts.next() {
        Some(e) => Some(NaiveTime::parse_from_str(e, "%H:%M").map_err(|_| error())?),
        None => None,
    };
    if parts.next().is_some() || end.is_some_and(|e| e <= start) {
        return Err(error());
    }
    Ok((Some(start), end))
}

/// A session in a calendar: which course, where the course is.
pub struct CalendarEvent<'a> {
    /// The session.
    pub session: &'a Session,
    /// The course's title.
    pub course: &'a str,
    /// The course's permalink.
    pub url: &'a str,
    /// A stable identifier for the course (its folder under `content/`).
    pub course_key: &'a str,
    /// The course's registration link, when the session has none.
    pub registration: Option<&'a str>,
}

/// An iCalendar file (RFC 5545): CRLF line ends, lines folded at 75 octets, text escaped,
/// times in UTC. `stamp` (the build date) is every event's DTSTAMP, so the same input and date
/// give the same file.
pub fn ics(
    name: &str,
    host: &str,
    events: &[CalendarEvent],
    offset: FixedOffset,
    stamp: NaiveDate,
) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//ipportal//course sessions//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(name)),
    ];
    let stamp = format!("{}T000000Z", stamp.format("%Y%m%d"));
    for event in events {
        let s = event.session;
        let start_key = s
            .start
            .map_or("day".into(), |t| t.format("%H%M").to_string());
        let uid_course = event.course_key.replace(['/', '.'], "-");
        lines.push("BEGIN:VEVENT".into());
        lines.push(without_controls(&format!(
            "UID:{uid_course}-{}-{start_key}@{host}",
            s.date.format("%Y%m%d")
        )));
        lines.push(format!("DTSTAMP:{stamp}"));
        match s.start {
            Some(start) => {
                let (start, end) = s.span(start);
                lines.push(format!("DTSTART:{}", utc(start, offset)));
                lines.push(format!("DTEND:{}", utc(end, offset)));
            }
            None => {
                lines.push(format!("DTSTART;VALUE=DATE:{}", s.date.format("%Y%m%d")));
                let next = s.date.succ_opt().unwrap_or(s.date);
                lines.push(format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
            }
        }
        lines.push(format!("SUMMARY:{}", escape(event.course)));
        if let Some(place) = s.place.as_deref().or(s.online.as_deref()) {
            lines.push(format!("LOCATION:{}", escape(place)));
        }
        let mut description = vec![event.url.to_string()];
        if let Some(online) = &s.online {
            description.push(format!("Online: {online}"));
        }
        if let Some(registration) = s.registration.as_deref().or(event.registration) {
            description.push(format!("Registration: {registration}"));
        }
        lines.push(format!("DESCRIPTION:{}", escape(&description.join("\n"))));
        lines.push(without_controls(&format!("URL:{}", event.url)));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

fn utc(local: NaiveDateTime, offset: FixedOffset) -> String {
    let instant = offset
        .from_local_datetime(&local)
        .single()
        .map(|t| t.naive_utc())
        .unwrap_or(local);
    instant.format("%Y%m%dT%H%M%SZ").to_string()
}

/// RFC 5545 TEXT: backslash, semicolon and comma escaped; every line break (CRLF, CR or LF)
/// written `\n`, so no value can end its property's line and start a property of its own; other
/// control characters, which TEXT does not allow, dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A value that is not TEXT (a UID, a URL) with its control characters dropped: a line break
/// in a file name must not start a property either.
fn without_controls(line: &str) -> String {
    line.chars().filter(|c| !c.is_control()).collect()
}

/// A content line folded into lines of at most 75 octets (continuations start with a space),
/// never inside a UTF-8 character, each ended by CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_in_the_usual_spellings() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(parse_times("14:00–16:00").unwrap(), (t(14, 0), t(16, 0)));
        assert_eq!(
            parse_times("18:30 - 20:30").unwrap(),
            (t(18, 30), t(20, 30))
        );
        assert_eq!(parse_times("9:00").unwrap(), (t(9, 0), None));
        assert!(parse_times("afternoon").is_err());
        assert!(parse_times("16:00–14:00").is_err());
    }

    #[test]
    fn sessions_are_checked() {
        let ok: Value = serde_json::json!([{"date": "2025-10-16", "time": "14:00–16:00"}, {"date": "2025-10-14"}]);
        let sessions = read_sessions(&ok).unwrap();
        assert_eq!(sessions[0].date.to_string(), "2025-10-14");
        let bad: Value = serde_json::json!([{"date": "2025-10-14"}, {"date": "14 Oct"}, {"date": "2025-10-14", "room": "B"}]);
        let errors = read_sessions(&bad).unwrap_err();
        assert_eq!(errors[0].0, 1);
        assert!(errors[1].1.contains("unknown session field `room`"));
    }

    #[test]
    fn long_lines_fold_between_characters() {
        let line = format!("SUMMARY:{}", "专利检索".repeat(10));
        let folded = fold(&line);
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{part}");
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
        assert_eq!(escape("a,b;c\nd\\"), "a\\,b\\;c\\nd\\\\");
        assert_eq!(escape("a\r\nb\rc\u{1b}\td"), "a\\nb\\nc\td");
    }
}
