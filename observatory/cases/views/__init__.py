"""Pages of the violations registry: thin views over the services and selectors."""
