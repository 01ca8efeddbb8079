"""Policy events: a dated, sourced timeline of what governments did about drugs."""
