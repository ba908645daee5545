"""Views of an organization for people: the decision-rights matrix, the graph, its health."""
