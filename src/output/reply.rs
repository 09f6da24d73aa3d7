//! Server replies as people and scripts read them: redis-cli's layout for a terminal (`(integer) 1`,
//! quoted bulk strings, numbered nested arrays, `(error) …`), its raw layout for a pipe (the bare
//! bytes, one element per line) and a JSON value for `-o json`.

use redis::Value;
use serde_json::json;

use crate::redis::conn::Reply;

/// A reply as redis-cli prints it on a terminal.
pub fn text(reply: &Reply) -> String {
    match reply {
        Ok(value) => value_text(value),
        Err(error) => format!("(error) {error}"),
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Nil => "(nil)".to_owned(),
        Value::Int(n) => format!("(integer) {n}"),
        Value::BulkString(bytes) => quoted(bytes),
        Value::SimpleString(s) => s.clone(),
        Value::Okay => "OK".to_owned(),
        Value::Double(d) => format!("(double) {d}"),
        Value::Boolean(b) => format!("({b})"),
        Value::VerbatimString { text, .. } => text.clone(),
        Value::BigNumber(n) => format!("(big number) {n:?}"),
        Value::ServerError(e) => format!("(error) {} {}", e.code(), e.details().unwrap_or_default()),
        Value::Attribute { data, .. } => value_text(data),
        Value::Array(items) | Value::Set(items) | Value::Push { data: items, .. } => {
            numbered(items.iter().map(value_text).collect())
        }
        Value::Map(pairs) => numbered(pairs.iter().map(|(k, v)| format!("{} => {}", value_text(k), value_text(v))).collect()),
        _ => format!("{value:?}"),
    }
}

/// A successful reply as redis-cli prints it into a pipe: bulk strings as their bytes, numbers
/// bare, nil as nothing, each element of an array (nested ones too) on its own line.
pub fn raw(reply: &Reply) -> Vec<u8> {
    match reply {
        Ok(value) => value_raw(value),
        Err(error) => error.as_bytes().to_vec(),
    }
}

fn value_raw(value: &Value) -> Vec<u8> {
    match value {
        Value::Nil => Vec::new(),
        Value::BulkString(bytes) => bytes.clone(),
        Value::Int(n) => n.to_string().into_bytes(),
        Value::Double(d) => d.to_string().into_bytes(),
        Value::Attribute { data, .. } => value_raw(data),
        Value::Array(items) | Value::Set(items) | Value::Push { data: items, .. } => {
            items.iter().map(value_raw).collect::<Vec<_>>().join(&b'\n')
        }
        Value::Map(pairs) => pairs.iter().flat_map(|(k, v)| [value_raw(k), value_raw(v)]).collect::<Vec<_>>().join(&b'\n'),
        other => value_text(other).into_bytes(),
    }
}

/// `1) …` lines, indices right-aligned, nested lines indented under their element.
fn numbered(items: Vec<String>) -> String {
    if items.is_empty() {
        return "(empty array)".to_owned();
    }
    let width = items.len().to_string().len();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        for (n, line) in item.lines().enumerate() {
            if n == 0 {
                out.push(format!("{:>width$}) {line}", i + 1));
            } else {
                out.push(format!("{}  {line}", " ".repeat(width)));
            }
        }
    }
    out.join("\n")
}

/// A bulk string in double quotes with redis-cli's escapes.
fn quoted(bytes: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push('"');
    out
}

/// Configuration parameters whose values are secrets (`requirepass`, `masterauth`, …).
pub fn is_secret_parameter(name: &str) -> bool {
    let name = name.to_lowercase();
    ["pass", "auth", "secret", "key-file-pass", "token"].iter().any(|part| name.contains(part))
}

/// A CONFIG GET reply (name, value, name, value… or a map) with every secret value replaced.
pub fn redact_config(reply: Reply) -> Reply {
    let hidden = || Value::BulkString(b"(redacted)".to_vec());
    reply.map(|value| match value {
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            let mut secret = false;
            for (i, item) in items.into_iter().enumerate() {
                if i % 2 == 0 {
                    secret = is_secret_parameter(&key_text(&item));
                    out.push(item);
                } else {
                    out.push(if secret { hidden() } else { item });
                }
            }
            Value::Array(out)
        }
        Value::Map(pairs) => Value::Map(
            pairs.into_iter().map(|(k, v)| if is_secret_parameter(&key_text(&k)) { (k, hidden()) } else { (k, v) }).collect(),
        ),
        other => other,
    })
}

/// A reply as JSON: strings, numbers, arrays, objects for maps, null for nil, and
/// `{"error": "…"}` for an error reply.
pub fn json(reply: &Reply) -> serde_json::Value {
    match reply {
        Ok(value) => value_json(value),
        Err(error) => json!({ "error": error }),
    }
}

fn value_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Nil => serde_json::Value::Null,
        Value::Int(n) => json!(n),
        Value::BulkString(bytes) => json!(String::from_utf8_lossy(bytes)),
        Value::SimpleString(s) => json!(s),
        Value::Okay => json!("OK"),
        Value::Double(d) => json!(d),
        Value::Boolean(b) => json!(b),
        Value::VerbatimString { text, .. } => json!(text),
        Value::ServerError(e) => json!({ "error": format!("{} {}", e.code(), e.details().unwrap_or_default()) }),
        Value::Attribute { data, .. } => value_json(data),
        Value::Array(items) | Value::Set(items) | Value::Push { data: items, .. } => {
            serde_json::Value::Array(items.iter().map(value_json).collect())
        }
        Value::Map(pairs) => {
            let keyed = pairs.iter().map(|(k, v)| (key_text(k), value_json(v)));
            serde_json::Value::Object(keyed.collect())
        }
        _ => json!(format!("{value:?}")),
    }
}

fn key_text(value: &Value) -> String {
    match value {
        Value::BulkString(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        Value::SimpleString(s) => s.clone(),
        other => value_text(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bulk(s: &str) -> Value {
        Value::BulkString(s.as_bytes().to_vec())
    }

    #[test]
    fn replies_read_as_redis_cli_prints_them() {
        assert_eq!(text(&Ok(Value::Int(3))), "(integer) 3");
        assert_eq!(text(&Ok(Value::Nil)), "(nil)");
        assert_eq!(text(&Ok(Value::Okay)), "OK");
        assert_eq!(text(&Ok(bulk("a \"b\"\n"))), "\"a \\\"b\\\"\\n\"");
        assert_eq!(text(&Err("ERR unknown command".into())), "(error) ERR unknown command");
        assert_eq!(text(&Ok(Value::Array(vec![]))), "(empty array)");
        let nested = Value::Array(vec![bulk("a"), Value::Array(vec![Value::Int(1), bulk("x")])]);
        assert_eq!(text(&Ok(nested)), "1) \"a\"\n2) 1) (integer) 1\n   2) \"x\"");
        let ten = Value::Array((0..10).map(Value::Int).collect());
        assert!(text(&Ok(ten)).starts_with(" 1) (integer) 0\n"));
    }

    #[test]
    fn piped_replies_are_raw_as_redis_cli_prints_them() {
        assert_eq!(raw(&Ok(bulk("a \"b\""))), b"a \"b\"");
        assert_eq!(raw(&Ok(Value::Int(7))), b"7");
        assert_eq!(raw(&Ok(Value::Okay)), b"OK");
        assert_eq!(raw(&Ok(Value::Nil)), b"");
        let nested = Value::Array(vec![bulk("y"), Value::Array(vec![Value::Int(1), Value::Nil, bulk("x")])]);
        assert_eq!(raw(&Ok(nested)), b"y\n1\n\nx");
    }

    #[test]
    fn secret_configuration_values_are_redacted() {
        let pairs =
            Value::Array(vec![bulk("requirepass"), bulk("s3cret"), bulk("maxmemory"), bulk("0"), bulk("masterauth"), bulk("x")]);
        let shown = text(&redact_config(Ok(pairs)));
        assert!(!shown.contains("s3cret") && shown.contains("\"0\"") && shown.matches("(redacted)").count() == 2, "{shown}");
    }

    #[test]
    fn replies_become_json_values() {
        let nested = Value::Array(vec![bulk("a"), Value::Int(2), Value::Nil]);
        assert_eq!(json(&Ok(nested)), json!(["a", 2, null]));
        assert_eq!(json(&Err("WRONGTYPE nope".into())), json!({ "error": "WRONGTYPE nope" }));
    }
}
