//! Which proxy reaches the Kubernetes API server, decided as kubectl (client-go) decides it: the
//! kubeconfig cluster's `proxy-url` when it is set (for every request); else `HTTPS_PROXY` for an
//! https server and `HTTP_PROXY` for an http one (upper case first, then lower), unless `NO_PROXY`
//! names the server — a host or IP, a domain with its subdomains (`.domain`: subdomains only), a
//! CIDR range, any of them with a port, or `*` — or the server is localhost or a loopback
//! address, which is never proxied. Proxies speak HTTP CONNECT (http:// or https://) or SOCKS5.

use std::net::IpAddr;

use http::Uri;

/// The proxy for requests to `server`, from the kubeconfig's `proxy-url` and the environment
/// `var` reads; an error names what could not be read.
pub fn choose(server: &Uri, proxy_url: Option<&str>, var: impl Fn(&str) -> Option<String>) -> Result<Option<Uri>, String> {
    if let Some(explicit) = proxy_url.filter(|p| !p.is_empty()) {
        return parse(explicit).map(Some);
    }
    let either = |upper: &str, lower: &str| var(upper).filter(|v| !v.is_empty()).or_else(|| var(lower).filter(|v| !v.is_empty()));
    let from_env = match server.scheme_str() {
        Some("https") => either("HTTPS_PROXY", "https_proxy"),
        _ => either("HTTP_PROXY", "http_proxy"),
    };
    let Some(proxy) = from_env else { return Ok(None) };
    let host = server.host().unwrap_or("").trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
    let port = server.port_u16().unwrap_or(if server.scheme_str() == Some("https") { 443 } else { 80 });
    if bypassed(&host, port, &either("NO_PROXY", "no_proxy").unwrap_or_default()) {
        return Ok(None);
    }
    parse(&proxy).map(Some)
}

/// A proxy URL as kubectl reads one: without a scheme it is http; `socks5h` is SOCKS5 (the proxy
/// resolves names either way).
fn parse(text: &str) -> Result<Uri, String> {
    let text = if text.contains("://") { text.to_owned() } else { format!("http://{text}") };
    let text = text.replacen("socks5h://", "socks5://", 1);
    let uri: Uri = text.parse().map_err(|e| format!("proxy URL '{text}' cannot be read: {e}"))?;
    match uri.scheme_str() {
        Some("http" | "https" | "socks5") => Ok(uri),
        _ => Err(format!("proxy URL '{text}': only http, https and socks5 proxies are supported")),
    }
}

/// Whether `host:port` goes direct: localhost and loopback always, else as `no_proxy` says.
fn bypassed(host: &str, port: u16, no_proxy: &str) -> bool {
    let ip = host.parse::<IpAddr>().ok();
    if host == "localhost" || ip.is_some_and(|ip| ip.is_loopback()) {
        return true;
    }
    no_proxy.split(',').map(|e| e.trim().to_ascii_lowercase()).filter(|e| !e.is_empty()).any(|entry| {
        if entry == "*" {
            return true;
        }
        if let Some((net, bits)) = entry.split_once('/') {
            return ip
                .zip(net.parse::<IpAddr>().ok())
                .zip(bits.parse::<u8>().ok())
                .is_some_and(|((ip, net), bits)| in_range(ip, net, bits));
        }
        let (name, wanted_port) = split_port(&entry);
        if wanted_port.is_some_and(|p| p != port) {
            return false;
        }
        if let (Some(ip), Ok(listed)) = (ip, name.parse::<IpAddr>()) {
            return ip == listed;
        }
        let name = name.strip_prefix('*').unwrap_or(name);
        match name.strip_prefix('.') {
            Some(_) => host.ends_with(name),
            None => host == name || host.ends_with(&format!(".{name}")),
        }
    })
}

/// `host:port` or `[v6]:port` into its parts; a bare IPv6 address has no port.
fn split_port(entry: &str) -> (&str, Option<u16>) {
    if let Some(rest) = entry.strip_prefix('[') {
        let (host, after) = rest.split_once(']').unwrap_or((rest, ""));
        return (host, after.strip_prefix(':').and_then(|p| p.parse().ok()));
    }
    match entry.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') => (host, port.parse().ok()),
        _ => (entry, None),
    }
}

fn in_range(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    let (ip, net, width): (u128, u128, u32) = match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(b)) => (u32::from(a).into(), u32::from(b).into(), 32),
        (IpAddr::V6(a), IpAddr::V6(b)) => (a.into(), b.into(), 128),
        _ => return false,
    };
    let Some(shift) = width.checked_sub(u32::from(bits)) else { return false };
    shift == width || (ip >> shift) == (net >> shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chosen(server: &str, kubeconfig: Option<&str>, env: &[(&str, &str)]) -> Option<String> {
        let var = |k: &str| env.iter().find(|(name, _)| *name == k).map(|(_, v)| (*v).to_owned());
        choose(&server.parse().unwrap(), kubeconfig, var).unwrap().map(|u| u.to_string())
    }

    #[test]
    fn the_proxy_follows_the_servers_scheme_and_the_kubeconfig_wins() {
        let env = [("HTTPS_PROXY", "http://secure:3128"), ("http_proxy", "plain:3128")];
        assert_eq!(chosen("https://api.example.com", None, &env).as_deref(), Some("http://secure:3128/"));
        assert_eq!(chosen("http://api.example.com:8080", None, &env).as_deref(), Some("http://plain:3128/"));
        assert_eq!(chosen("https://api.example.com", Some("socks5h://s:1080"), &[]).as_deref(), Some("socks5://s:1080/"));
        assert_eq!(chosen("https://api.example.com", None, &[]), None);
        let err = choose(&"https://a".parse().unwrap(), Some("ftp://x"), |_| None).unwrap_err();
        assert!(err.contains("only http, https and socks5"), "{err}");
    }

    #[test]
    fn no_proxy_and_loopback_go_direct_as_with_kubectl() {
        let with =
            |no_proxy: &str, server: &str| chosen(server, None, &[("HTTPS_PROXY", "p:1"), ("NO_PROXY", no_proxy)]).is_none();
        assert!(with("", "https://127.0.0.1:6443") && with("", "https://localhost:6443") && with("", "https://[::1]:6443"));
        assert!(with("example.com", "https://example.com") && with("example.com", "https://api.example.com"));
        assert!(!with(".example.com", "https://example.com") && with(".example.com", "https://api.example.com"));
        assert!(with("*.example.com", "https://api.example.com") && !with("example.com", "https://myexample.com"));
        assert!(with("10.0.0.0/8", "https://10.1.2.3:6443") && !with("10.0.0.0/8", "https://11.1.2.3"));
        assert!(with("10.1.2.3", "https://10.1.2.3") && with("api.example.com:6443", "https://api.example.com:6443"));
        assert!(!with("api.example.com:443", "https://api.example.com:6443") && with("*", "https://anything"));
        assert!(with(" foo.com , API.Example.com ", "https://api.example.com") && !with("other.com", "https://api.example.com"));
        // A kubeconfig proxy-url is used for every request, NO_PROXY notwithstanding.
        assert!(chosen("https://api.example.com", Some("http://p:1"), &[("NO_PROXY", "*")]).is_some());
    }
}
