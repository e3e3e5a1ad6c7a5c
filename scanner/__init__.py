"""Page acquisition, clean-up, barcodes and digitised PDFs (leaf library, no Qt)."""
