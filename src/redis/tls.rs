//! TLS to nodes: the client configuration built once from the PEM files the flags name, and the
//! handshake over any stream — a TCP connection or a port-forwarded one — so TLS works however a
//! node is reached. Certificates are verified against `--cacert` (else the system's roots) and the
//! address the node is dialled at; `--insecure` turns verification off, loudly.

use std::fmt;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{WebPkiSupportedAlgorithms, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio_rustls::TlsConnector;

use super::addr::NodeAddr;
use super::stream::NodeStream;
use crate::error::{Error, Result};

/// What `--tls`, `--cacert`, `--cert`/`--key` and `--insecure` resolve to.
#[derive(Clone)]
pub struct TlsSettings {
    config: Arc<ClientConfig>,
    pub insecure: bool,
}

impl fmt::Debug for TlsSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsSettings").field("insecure", &self.insecure).finish()
    }
}

/// PEM contents as read from the files the flags name, each with its flag for messages.
pub struct TlsFiles<'a> {
    pub ca_cert: Option<&'a [u8]>,
    pub client_cert_and_key: Option<(&'a [u8], &'a [u8])>,
    pub insecure: bool,
}

impl TlsSettings {
    /// Parses the PEM files and builds the client configuration; a file that holds no usable
    /// certificate or key is a usage error naming its flag.
    pub fn new(files: &TlsFiles) -> Result<TlsSettings> {
        let roots = match files.ca_cert {
            Some(pem) => roots_from(pem)?,
            None => system_roots()?,
        };
        let builder = ClientConfig::builder().with_root_certificates(roots);
        let mut config = match files.client_cert_and_key {
            Some((cert, key)) => {
                let chain = certificates("--cert", cert)?;
                let key = PrivateKeyDer::from_pem_slice(key).map_err(|e| pem_error("--key", &e.to_string()))?;
                builder.with_client_auth_cert(chain, key).map_err(|e| pem_error("--cert/--key", &e.to_string()))?
            }
            None => builder.with_no_client_auth(),
        };
        if files.insecure {
            let algorithms = config.crypto_provider().signature_verification_algorithms;
            config.dangerous().set_certificate_verifier(Arc::new(AnyCertificate { algorithms }));
        }
        Ok(TlsSettings { config: Arc::new(config), insecure: files.insecure })
    }

    /// The TLS handshake over `stream`, verifying the certificate against the node's address.
    pub async fn wrap(&self, addr: &NodeAddr, stream: Box<dyn NodeStream>) -> Result<Box<dyn NodeStream>> {
        let name = ServerName::try_from(addr.host.clone())
            .map_err(|_| Error::usage(format!("{addr}: '{}' is not a host name TLS can verify", addr.host)))?;
        let tls = TlsConnector::from(self.config.clone()).connect(name, stream).await.map_err(|e| {
            Error::unreachable(format!("{addr}: TLS handshake failed: {e}"))
                .hint("does the node speak TLS on this port, and did the CA given with --cacert sign its certificate?")
        })?;
        Ok(Box::new(tls))
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
