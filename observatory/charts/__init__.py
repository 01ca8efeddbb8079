"""Charts: Vega-Lite specs (``specs``) and their rendering to SVG/PNG on the server (``render``)."""
