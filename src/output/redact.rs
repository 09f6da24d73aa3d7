//! What a support bundle must never show, found by its shape rather than by knowing it: the
//! password of `user:password@` in a URL, PEM private keys, the password rules and hashes of
//! `ACL LIST`, and the secret arguments of commands a server logged (SLOWLOG). Known passwords
//! are scrubbed besides, by value (see `report`).

use redis::Value;

use super::reply::is_secret_parameter;

/// What stands in for a secret.
pub const REDACTED: &str = "(redacted)";

/// Text with URL passwords and PEM private keys replaced.
pub fn text(input: &str) -> String {
    private_keys(&url_passwords(input))
}

/// `scheme://user:password@host` → `scheme://user:(redacted)@host`; a user part without a colon
/// (`https://token@host`) is a token and goes whole.
fn url_passwords(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        out.push_str(before);
        let end = after.find(|c: char| c.is_whitespace() || "/?#\"'<>,;".contains(c)).unwrap_or(after.len());
        let authority = &after[..end];
        match authority.rfind('@') {
            Some(sign) => {
                let user_info = &authority[..sign];
                match user_info.split_once(':') {
                    Some((user, _)) => out.push_str(&format!("{user}:{REDACTED}")),
                    None => out.push_str(REDACTED),
                }
                out.push_str(&authority[sign..]);
            }
            None => out.push_str(authority),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Every `-----BEGIN … PRIVATE KEY-----` block, to its END line (or the end of the text).
fn private_keys(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(begin) = rest.find("-----BEGIN ") {
        let header_end = rest[begin + 11..].find("-----").map(|i| begin + 11 + i + 5);
        let is_private = header_end.is_some_and(|h| rest[begin..h].contains("PRIVATE KEY"));
        let Some(header_end) = header_end.filter(|_| is_private) else {
            out.push_str(&rest[..begin + 11]);
            rest = &rest[begin + 11..];
            continue;
        };
        out.push_str(&rest[..begin]);
        out.push_str("(redacted private key)");
        let after = &rest[header_end..];
        rest = match after.find("-----END ") {
            Some(end) => after[end + 9..].find("-----").map_or("", |i| &after[end + 9 + i + 5..]),
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// An `ACL LIST` line without its password rules and hashes (`>pass`, `<pass`, `#hash`, `!hash`).
pub fn acl_rule_line(line: &str) -> String {
    line.split(' ')
        .map(|word| match word.chars().next() {
            Some(sign @ ('>' | '<' | '#' | '!')) => format!("{sign}{REDACTED}"),
            _ => word.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a command a server logged, secrets replaced: everything after AUTH, the
/// password rules of ACL SETUSER, and the word after a secret-looking one (`HELLO 3 AUTH u p`,
/// `MIGRATE … AUTH2 u p`, `CONFIG SET masterauth p`, `SENTINEL SET m auth-pass p`).
pub fn command_words(words: &mut [Value]) {
    let text = |v: &Value| match v {
        Value::BulkString(b) => String::from_utf8_lossy(b).to_uppercase(),
        Value::SimpleString(s) => s.to_uppercase(),
        _ => String::new(),
    };
    let hidden = || Value::BulkString(REDACTED.as_bytes().to_vec());
    let first = words.first().map(text).unwrap_or_default();
    let acl_setuser = first == "ACL" && words.get(1).map(text).as_deref() == Some("SETUSER");
    let mut hide_next: usize = 0;
    for (n, word) in words.iter_mut().enumerate() {
        let upper = text(word);
        if hide_next > 0 || (first == "AUTH" && n > 0) || (acl_setuser && n > 2 && upper.starts_with(['>', '<', '#', '!'])) {
            hide_next = hide_next.saturating_sub(1);
            *word = hidden();
            continue;
        }
        hide_next = match upper.as_str() {
            "AUTH2" => 2,
            "AUTH" if first == "HELLO" => 2,
            _ if n > 0 && is_secret_parameter(&upper) => 1,
            _ => 0,
        };
    }
}

/// A SLOWLOG GET reply with each entry's command words redacted (`command_words`).
pub fn slowlog(value: Value) -> Value {
    let Value::Array(entries) = value else { return value };
    let entries = entries
        .into_iter()
        .map(|entry| match entry {
            Value::Array(mut fields) => {
                if let Some(Value::Array(words)) = fields.get_mut(3) {
                    command_words(words);
                }
                Value::Array(fields)
            }
            other => other,
        })
        .collect();
    Value::Array(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<Value> {
        line.split(' ').map(|w| Value::BulkString(w.as_bytes().to_vec())).collect()
    }

    fn joined(words: &[Value]) -> String {
        words
            .iter()
            .map(|w| match w {
                Value::BulkString(b) => String::from_utf8_lossy(b).into_owned(),
                _ => String::new(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn url_passwords_and_tokens_are_redacted_and_the_rest_kept() {
        assert_eq!(text("REDIS_URL=redis://app:s3cret@redis:6379/0 x"), "REDIS_URL=redis://app:(redacted)@redis:6379/0 x");
        assert_eq!(text("rediss://:pw@h:1"), "rediss://:(redacted)@h:1");
        assert_eq!(text("https://tok@github.com/x"), "https://(redacted)@github.com/x");
        assert_eq!(text("see http://example.com/a@b and done"), "see http://example.com/a@b and done");
    }

    #[test]
    fn private_keys_are_redacted_whole_and_certificates_kept() {
        let pem = "a\n-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJB\n-----END RSA PRIVATE KEY-----\nb";
        assert_eq!(text(pem), "a\n(redacted private key)\nb");
        let cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
        assert_eq!(text(cert), cert);
        assert_eq!(text("x -----BEGIN PRIVATE KEY-----\nMIIE"), "x (redacted private key)");
    }

    #[test]
    fn acl_password_rules_and_hashes_are_redacted() {
        let line = "user bob on #5e884898da28047151d0e56f8dc6292773603d0d ~* &* +@all >plain";
        assert_eq!(acl_rule_line(line), "user bob on #(redacted) ~* &* +@all >(redacted)");
    }

    #[test]
    fn logged_commands_lose_their_secret_arguments() {
        let cases = [
            ("AUTH bob pw", "AUTH (redacted) (redacted)"),
            ("HELLO 3 AUTH bob pw SETNAME c", "HELLO 3 AUTH (redacted) (redacted) SETNAME c"),
            ("ACL SETUSER bob on >pw #abc ~*", "ACL SETUSER bob on (redacted) (redacted) ~*"),
            ("CONFIG SET masterauth pw maxmemory 1", "CONFIG SET masterauth (redacted) maxmemory 1"),
            ("MIGRATE h 1 k 0 5 AUTH2 u pw KEYS a", "MIGRATE h 1 k 0 5 AUTH2 (redacted) (redacted) KEYS a"),
            ("SET k v", "SET k v"),
        ];
        for (line, redacted) in cases {
            let mut w = words(line);
            command_words(&mut w);
            assert_eq!(joined(&w), redacted, "{line}");
        }
    }
}
