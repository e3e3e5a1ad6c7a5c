"""PKCS#11 tokens, certificates and PAdES signing (leaf library, no Qt)."""
