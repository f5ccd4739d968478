"""`guidance report`: the review report that policy officers read before signing off a change."""
