"""The Sphinx layer: options, directives, rendering, the store of every page's services, links,
and the files a build writes. Everything it judges, it asks of the core."""
