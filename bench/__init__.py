"""Benchmarks and scale-data generators. Run each as `.venv/bin/python -m bench.<module>`."""
