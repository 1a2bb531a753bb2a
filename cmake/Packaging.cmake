# Packaging (cpack -G DEB): filled by the service work.
