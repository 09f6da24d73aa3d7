//! TLS to nodes: the trust roots and client certificate read once from the PEM files the flags
//! name, and the handshake over any stream — a TCP connection or a port-forwarded one — so TLS
//! works however a node is reached. A certificate is verified against `--cacert` (else the
//! system's roots) and accepted when it is valid for any of the node's names: the address it is
//! dialled at and the DNS names its platform knows (a pod's `<pod>.<service>.<namespace>.svc`, as
//! cert-manager and Helm charts issue them), or only `--tls-server-name` when given (also sent as
//! SNI). `--insecure` turns verification off, loudly.

use std::fmt;
use std::sync::Arc;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{WebPkiSupportedAlgorithms, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio_rustls::TlsConnector;

use super::addr::NodeAddr;
use super::stream::NodeStream;
use crate::error::{Error, Result};

/// What `--tls`, `--cacert`, `--cert`/`--key`, `--tls-server-name` and `--insecure` resolve to.
#[derive(Clone)]
pub struct TlsSettings {
    verifier: Arc<WebPkiServerVerifier>,
    client_auth: Option<Arc<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)>>,
    /// The one name certificates must be valid for, instead of the node's own names.
    pub server_name: Option<String>,
    pub insecure: bool,
}

impl fmt::Debug for TlsSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsSettings").field("server_name", &self.server_name).field("insecure", &self.insecure).finish()
    }
}

/// PEM contents as read from the files the flags name.
pub struct TlsFiles<'a> {
    pub ca_cert: Option<&'a [u8]>,
    pub client_cert_and_key: Option<(&'a [u8], &'a [u8])>,
    pub server_name: Option<&'a str>,
    pub insecure: bool,
}

impl TlsSettings {
    /// Parses the PEM files; a file that holds no usable certificate or key is a usage error
    /// naming its flag.
    pub fn new(files: &TlsFiles) -> Result<TlsSettings> {
        let roots = match files.ca_cert {
            Some(pem) => roots_from(pem)?,
            None => system_roots()?,
        };
        let verifier =
            WebPkiServerVerifier::builder(Arc::new(roots)).build().map_err(|e| pem_error("--cacert", &e.to_string()))?;
        let client_auth = match files.client_cert_and_key {
            Some((cert, key)) => {
                let chain = certificates("--cert", cert)?;
                let key = PrivateKeyDer::from_pem_slice(key).map_err(|e| pem_error("--key", &e.to_string()))?;
                Some(Arc::new((chain, key)))
            }
            None => None,
        };
        let server_name = files.server_name.map(str::to_owned);
        if let Some(name) = &server_name {
            ServerName::try_from(name.clone()).map_err(|_| {
                Error::usage(format!("--tls-server-name {name}: not a host name")).hint("give a DNS name, e.g. redis.example.com")
            })?;
        }
        let settings = TlsSettings { verifier, client_auth, server_name, insecure: files.insecure };
        settings.config(Vec::new())?;
        Ok(settings)
    }

    /// The names a node's certificate may be valid for: `--tls-server-name` alone, else its
    /// address and `known` (its DNS names, from the platform).
    pub fn names_for(&self, addr: &NodeAddr, known: Vec<String>) -> Vec<String> {
        match &self.server_name {
            Some(name) => vec![name.clone()],
            None => std::iter::once(addr.host.clone()).chain(known).collect(),
        }
    }

    /// The TLS handshake over `stream`, the certificate verified against `names` (the first is
    /// also the SNI name when it is a DNS name).
    pub async fn wrap(&self, addr: &NodeAddr, names: Vec<String>, stream: Box<dyn NodeStream>) -> Result<Box<dyn NodeStream>> {
        let first = names.first().cloned().unwrap_or_else(|| addr.host.clone());
        let name = ServerName::try_from(first.clone())
            .map_err(|_| Error::usage(format!("{addr}: '{first}' is not a host name TLS can verify")))?;
        let shown = names.join(", ");
        let config = self.config(names)?;
        let tls = TlsConnector::from(Arc::new(config)).connect(name, stream).await.map_err(|e| {
            Error::unreachable(format!("{addr}: TLS handshake failed: {e} (names checked: {shown})")).hint(
                "does the node speak TLS on this port, did the CA given with --cacert sign its certificate, and is it issued for one of those names (--tls-server-name names another)?",
            )
        })?;
        Ok(Box::new(tls))
    }

    /// A client configuration whose verifier accepts a certificate valid for any of `names`.
    fn config(&self, names: Vec<String>) -> Result<ClientConfig> {
        let algorithms = rustls::crypto::CryptoProvider::get_default()
            .map(|p| p.signature_verification_algorithms)
            .unwrap_or_else(|| rustls::crypto::ring::default_provider().signature_verification_algorithms);
        let verifier: Arc<dyn ServerCertVerifier> = if self.insecure {
            Arc::new(AnyCertificate { algorithms })
        } else {
            let names = names.into_iter().filter_map(|n| ServerName::try_from(n).ok()).collect();
            Arc::new(AnyOfNames { inner: self.verifier.clone(), names })
        };
        let builder = ClientConfig::builder().dangerous().with_custom_certificate_verifier(verifier);
        match &self.client_auth {
            Some(auth) => builder
                .with_client_auth_cert(auth.0.clone(), auth.1.clone_key())
                .map_err(|e| pem_error("--cert/--key", &e.to_string())),
            None => Ok(builder.with_no_client_auth()),
        }
    }
}

fn roots_from(pem: &[u8]) -> Result<RootCertStore> {
    let mut roots = RootCertStore::empty();
    for cert in certificates("--cacert", pem)? {
        roots.add(cert).map_err(|e| pem_error("--cacert", &e.to_string()))?;
    }
    Ok(roots)
}

/// The operating system's trusted roots, as redis-cli uses without --cacert.
fn system_roots() -> Result<RootCertStore> {
    let mut roots = RootCertStore::empty();
    let found = rustls_native_certs::load_native_certs();
    roots.add_parsable_certificates(found.certs);
    if roots.is_empty() {
        return Err(Error::usage("--tls: no trusted CA certificates found on this system")
            .hint("pass the CA that signed the servers' certificates with --cacert"));
    }
    Ok(roots)
}

fn certificates(flag: &str, pem: &[u8]) -> Result<Vec<CertificateDer<'static>>> {
    let certs = CertificateDer::pem_slice_iter(pem).collect::<std::result::Result<Vec<_>, _>>();
    match certs {
        Ok(certs) if !certs.is_empty() => Ok(certs),
        Ok(_) => Err(pem_error(flag, "no certificate in it")),
        Err(e) => Err(pem_error(flag, &e.to_string())),
    }
}

fn pem_error(flag: &str, why: &str) -> Error {
    Error::usage(format!("{flag}: not a usable PEM file ({why})")).hint("give the PEM file the server's TLS setup uses")
}

/// The standard verification, passed when the certificate is valid for any of the names.
#[derive(Debug)]
struct AnyOfNames {
    inner: Arc<WebPkiServerVerifier>,
    names: Vec<ServerName<'static>>,
}

impl ServerCertVerifier for AnyOfNames {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        let mut first_error = None;
        for name in std::iter::once(server_name).chain(self.names.iter()) {
            match self.inner.verify_server_cert(end_entity, intermediates, name, ocsp_response, now) {
                Ok(verified) => return Ok(verified),
                Err(rustls::Error::InvalidCertificate(
                    CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
                )) if first_error.is_some() => {}
                Err(
                    e @ rustls::Error::InvalidCertificate(
                        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
                    ),
                ) => {
                    first_error = Some(e);
                }
                // Anything but the name (an unknown issuer, an expired certificate) fails whatever the name.
                Err(e) => return Err(e),
            }
        }
        Err(first_error.unwrap_or(rustls::Error::InvalidCertificate(CertificateError::NotValidForName)))
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// `--insecure`: any certificate is accepted, as long as the handshake itself is sound.
#[derive(Debug)]
struct AnyCertificate {
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}
