"""Tools over the running screens: the self-test, the screenshots, and waiting until drawn."""
