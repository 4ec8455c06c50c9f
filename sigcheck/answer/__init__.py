"""Does a 200 answer what the signature promises: outputs of the declared rank and batch, each instance answered as
it is alone (TF Serving checks neither; a 200 proves only that no op raised)."""

from .check import (ANSWER_CODES, ANSWER_SHAPE, INSTANCE_MISMATCH, answer_findings, instance_findings,
                    output_findings, rank_changed, request_batch)

__all__ = ["ANSWER_CODES", "ANSWER_SHAPE", "INSTANCE_MISMATCH", "answer_findings", "instance_findings",
           "output_findings", "rank_changed", "request_batch"]
