"""Connection Doctor (接続ドクター): finds why a browser cannot make a secure connection."""

__version__ = "0.1.0"
