"""Demo and synthetic data: the demo corridor a first run loads (``load_demo``)
and the synthetic corridor of any size the benchmark and the tests use
(``load_synthetic``). It fills every app, so it sits with the features that
read across them, and nothing in the product imports it."""
