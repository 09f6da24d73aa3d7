//! The Redis password from a Secret: the one named (`--password-secret NAME[:KEY]`) or the one the
//! pod template's password variable comes from; and every value of the Secrets a bundle must scrub.

use super::*;

/// Container variables that carry the Redis password in common charts.
pub(super) const PASSWORD_ENV: [&str; 3] = ["REDIS_PASSWORD", "REDISCLI_AUTH", "VALKEY_PASSWORD"];
/// Keys tried, in order, when a Secret with several keys is named without one.
pub(super) const PASSWORD_KEYS: [&str; 3] = ["redis-password", "valkey-password", "password"];

/// A key of a Secret holding the password; `key: None` when named without one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretRef {
    pub name: String,
    pub key: Option<String>,
    /// The container variable it was found behind, when detected rather than named.
    pub variable: Option<String>,
}

impl std::str::FromStr for SecretRef {
    type Err = String;

    /// `NAME` or `NAME:KEY`.
    fn from_str(text: &str) -> std::result::Result<SecretRef, String> {
        let (name, key) = match text.split_once(':') {
            Some((name, key)) => (name, Some(key.to_owned())),
            None => (text, None),
        };
        if name.is_empty() || key.as_deref() == Some("") {
            return Err(format!("'{text}' is not NAME or NAME:KEY"));
        }
        Ok(SecretRef { name: name.to_owned(), key, variable: None })
    }
}

/// The Secret key behind a container's password variable, if the pods take it from one.
pub(super) fn password_ref_of(spec: &PodSpec) -> Option<SecretRef> {
    let env = spec.containers.iter().flat_map(|c| c.env.iter().flatten());
    env.filter(|e| PASSWORD_ENV.contains(&e.name.as_str())).find_map(|e| {
        let key = e.value_from.as_ref()?.secret_key_ref.as_ref()?;
        Some(SecretRef { name: key.name.clone(), key: Some(key.key.clone()), variable: Some(e.name.clone()) })
    })
}

/// The key holding the password in a Secret named without one: its only key, else a known name.
pub(super) fn password_key(data: &BTreeMap<String, k8s_openapi::ByteString>) -> Option<String> {
    if data.len() == 1 {
        return data.keys().next().cloned();
    }
    PASSWORD_KEYS.iter().find(|k| data.contains_key(**k)).map(|k| (*k).to_owned())
}

impl Kubernetes {
    /// The Redis password from the Secret named (`NAME[:KEY]`), else from the one the pod template
    /// points its password variable at; `None` when neither exists.
    pub async fn password(&self, named: Option<&SecretRef>) -> Result<Option<Secret>> {
        let Some(wanted) = named.or(self.password_ref.as_ref()) else { return Ok(None) };
        let secrets: Api<SecretObject> = Api::namespaced(self.client.clone(), &self.namespace);
        let why = match &wanted.variable {
            Some(variable) => format!("secret {} (the pods' {variable} comes from it)", wanted.name),
            None => format!("secret {}", wanted.name),
        };
        let secret = secrets.get(&wanted.name).await.map_err(|e| match e {
            kube::Error::Api(s) if s.code == 404 => Error::usage(format!("{why} not found in namespace {}", self.namespace))
                .hint("name an existing Secret with --password-secret NAME[:KEY], or give the password with REDISCLI_AUTH"),
            kube::Error::Api(s) if s.code == 403 => Error::refused(format!("Kubernetes refused to read {why}: {}", s.message))
                .hint(
                    "grant `get` on secrets (see deploy/rbac.yaml), or give the password with REDISCLI_AUTH or --password-file",
                ),
            e => api_error(e, &format!("read {why}")),
        })?;
        let data = secret.data.unwrap_or_default();
        let key = match &wanted.key {
            Some(key) => key.clone(),
            None => password_key(&data).ok_or_else(|| {
                let keys: Vec<&str> = data.keys().map(String::as_str).collect();
                Error::usage(format!("{why} has several keys ({}) and none is a known password key", keys.join(", ")))
                    .hint(format!("pass --password-secret {}:KEY", wanted.name))
            })?,
        };
        let value = data.get(&key).ok_or_else(|| {
            Error::usage(format!("{why} has no key {key}"))
                .hint(format!("list its keys with kubectl describe secret {}", wanted.name))
        })?;
        let text = String::from_utf8(value.0.clone())
            .map_err(|_| Error::usage(format!("key {key} of {why} is not text")).hint("store the password as UTF-8 text"))?;
        Ok(Some(Secret::new(text)))
    }

    /// Every text value of the Secrets `names`; one that cannot be read adds nothing.
    pub async fn secret_values(&self, names: &[String]) -> Vec<String> {
        let secrets: Api<SecretObject> = Api::namespaced(self.client.clone(), &self.namespace);
        let mut values = Vec::new();
        for name in names {
            if let Ok(secret) = secrets.get(name).await {
                let data = secret.data.unwrap_or_default().into_values().map(|v| v.0);
                let strings = secret.string_data.unwrap_or_default().into_values().map(String::into_bytes);
                values.extend(data.chain(strings).filter_map(|v| String::from_utf8(v).ok()));
            }
        }
        values
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_named_with_or_without_its_key() {
        let named: SecretRef = "redis".parse().unwrap();
        assert_eq!((named.name.as_str(), named.key), ("redis", None));
        let keyed: SecretRef = "redis:auth".parse().unwrap();
        assert_eq!(keyed.key.as_deref(), Some("auth"));
        for bad in ["", ":key", "redis:"] {
            assert!(bad.parse::<SecretRef>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_password_key_is_the_only_one_or_the_first_known_one() {
        let data = |keys: &[&str]| keys.iter().map(|k| (k.to_string(), k8s_openapi::ByteString(vec![]))).collect();
        assert_eq!(password_key(&data(&["anything"])).as_deref(), Some("anything"));
        assert_eq!(password_key(&data(&["tls.key", "password", "redis-password"])).as_deref(), Some("redis-password"));
        assert_eq!(password_key(&data(&["a", "b"])), None);
    }

    #[test]
    fn the_pod_templates_password_variable_names_its_secret() {
        let spec: PodSpec = serde_json::from_value(serde_json::json!({ "containers": [{ "name": "redis", "env": [
            { "name": "OTHER", "value": "x" },
            { "name": "REDIS_PASSWORD", "valueFrom": { "secretKeyRef": { "name": "redis", "key": "redis-password" } } }
        ] }] }))
        .unwrap();
        let found = password_ref_of(&spec).expect("found");
        assert_eq!(
            (found.name.as_str(), found.key.as_deref(), found.variable.as_deref()),
            ("redis", Some("redis-password"), Some("REDIS_PASSWORD"))
        );
    }
}
