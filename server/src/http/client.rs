//! Who the client is, for the guessing limits. Behind a TLS proxy every request comes from the
//! proxy's socket, so 20 misses from anyone would block tracking for everyone; the proxy's
//! `X-Forwarded-For` names the client, but anybody can send that header. So the header is read
//! only when the socket is one of the configured trusted proxies, and then only its right-most
//! address that is not itself a trusted proxy: the address the outermost of our proxies saw.
//! Whatever a client writes into the header itself stays to the left of that.

use axum::http::HeaderMap;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

/// An address or a CIDR range of our own reverse proxies (`10.0.0.5`, `10.0.0.0/24`, `::1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrustedProxy {
    network: IpAddr,
    prefix: u32,
}

impl FromStr for TrustedProxy {
    type Err = String;

    fn from_str(text: &str) -> Result<TrustedProxy, String> {
        let text = text.trim();
        let bad = || format!("{text:?} is not an IP address or a CIDR range (such as 10.0.0.0/24)");
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let network = address.parse::<IpAddr>().map_err(|_| bad())?.to_canonical();
        let width = width(network);
        let prefix = match prefix {
            None => width,
            Some(p) => p.parse::<u32>().ok().filter(|p| *p <= width).ok_or_else(bad)?,
        };
        Ok(TrustedProxy { network, prefix })
    }
}

/// The configured proxies: a comma-separated list. Empty (`PORTAL_TRUSTED_PROXIES=`) is none,
/// as an unset variable is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(pub Vec<TrustedProxy>);

impl FromStr for TrustedProxies {
    type Err = String;

    fn from_str(text: &str) -> Result<TrustedProxies, String> {
        text.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::parse)
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }
}

impl TrustedProxy {
    pub fn contains(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        if address.is_ipv4() != self.network.is_ipv4() {
            return false;
        }
        let shift = width(address) - self.prefix;
        // A /0 covers everything (and a shift by the full 128 bits would overflow).
        shift >= 128 || (bits(address) ^ bits(self.network)) >> shift == 0
    }
}

fn width(address: IpAddr) -> u32 {
    if address.is_ipv4() { 32 } else { 128 }
}

fn bits(address: IpAddr) -> u128 {
    match address {
        IpAddr::V4(a) => u128::from(u32::from(a)),
        IpAddr::V6(a) => u128::from(a),
    }
}

/// The client's address: the socket's, unless the socket is a trusted proxy; then the
/// right-most address of `X-Forwarded-For` that is not a trusted proxy.
pub fn client_address(socket: IpAddr, headers: &HeaderMap, trusted: &[TrustedProxy]) -> IpAddr {
    let is_trusted = |address: IpAddr| trusted.iter().any(|t| t.contains(address));
    let mut client = socket.to_canonical();
    if !is_trusted(client) {
        return client;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    for hop in hops.iter().rev() {
        // Something that is no address was not written by a proxy of ours: stop before it.
        let Some(address) = parse_hop(hop) else { break };
        client = address;
        if !is_trusted(address) {
            break;
        }
    }
    client
}

/// One entry of `X-Forwarded-For`: an address, perhaps with a port (`1.2.3.4:5678`, `[::1]:80`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>()
        .or_else(|_| hop.parse::<SocketAddr>().map(|s| s.ip()))
        .ok()
        .map(|a| a.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn proxies(list: &[&str]) -> Vec<TrustedProxy> {
        list.iter().map(|p| p.parse().unwrap()).collect()
    }

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", value.parse().unwrap());
        headers
    }

    #[test]
    fn a_range_holds_the_addresses_under_its_prefix_only() {
        let range: TrustedProxy = "10.0.0.0/24".parse().unwrap();
        assert!(range.contains(ip("10.0.0.255")));
        assert!(!range.contains(ip("10.0.1.0")));
        assert!(
            range.contains(ip("::ffff:10.0.0.7")),
            "an IPv4 address seen over IPv6"
        );
        let v6: TrustedProxy = "2001:db8::/32".parse().unwrap();
        assert!(v6.contains(ip("2001:db8:ffff::1")) && !v6.contains(ip("2001:db9::1")));
        assert!(
            "0.0.0.0/0"
                .parse::<TrustedProxy>()
                .unwrap()
                .contains(ip("8.8.8.8"))
        );
        for bad in ["10.0.0.0/33", "proxy.local", "10.0.0/8", ""] {
            assert!(bad.parse::<TrustedProxy>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_configured_list_is_comma_separated_and_may_be_empty() {
        let list: TrustedProxies = "10.0.0.1, 10.1.0.0/16,::1".parse().unwrap();
        assert_eq!(list.0.len(), 3);
        assert_eq!("".parse::<TrustedProxies>(), Ok(TrustedProxies::default()));
        assert_eq!(" , ".parse::<TrustedProxies>(), Ok(TrustedProxies::default()));
        assert!("10.0.0.1,proxy.local".parse::<TrustedProxies>().is_err());
    }

    #[test]
    fn from_an_untrusted_socket_the_forwarded_header_is_ignored() {
        let headers = forwarded("198.51.100.7");
        assert_eq!(
            client_address(ip("203.0.113.9"), &headers, &proxies(&["10.0.0.1"])),
            ip("203.0.113.9")
        );
        assert_eq!(client_address(ip("10.0.0.1"), &headers, &[]), ip("10.0.0.1"));
    }

    #[test]
    fn from_a_trusted_proxy_the_right_most_untrusted_address_is_the_client() {
        let trusted = proxies(&["10.0.0.0/24"]);
        // The client claimed 1.1.1.1; our proxies saw 198.51.100.7, then passed it on.
        let headers = forwarded("1.1.1.1, 198.51.100.7, 10.0.0.3");
        assert_eq!(
            client_address(ip("10.0.0.1"), &headers, &trusted),
            ip("198.51.100.7")
        );
        let mut two_headers = forwarded("1.1.1.1");
        two_headers.append("x-forwarded-for", "198.51.100.7:5123".parse().unwrap());
        assert_eq!(
            client_address(ip("10.0.0.1"), &two_headers, &trusted),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn a_trusted_proxy_without_a_usable_header_is_the_client() {
        let trusted = proxies(&["10.0.0.1"]);
        assert_eq!(
            client_address(ip("10.0.0.1"), &HeaderMap::new(), &trusted),
            ip("10.0.0.1")
        );
        assert_eq!(
            client_address(ip("10.0.0.1"), &forwarded("not-an-address"), &trusted),
            ip("10.0.0.1")
        );
    }
}
