"""The review as the Board runs it: assignments and conflicts of interest,
the review clock, questions to the partner, the comment thread, notices, and
the queues of the Board and of each reviewer."""
