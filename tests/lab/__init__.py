"""The loopback lab: real TLS, HTTP and NTP servers on 127.0.0.1 that every test can use."""
