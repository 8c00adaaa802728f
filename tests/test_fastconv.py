"""The copy-free convolution gives slovnet's numbers, and the models keep their output."""

import numpy as np
from slovnet.exec.model import Conv1d

from munitext import resources
from munitext.fastconv import ShiftedConv1d


def convolutions(module):
    stack, found = [module], []
    while stack:
        item = stack.pop()
        if isinstance(item, Conv1d):
            found.append(item)
        for name in getattr(item, "__attributes__", ()):
            value = getattr(item, name, None)
            stack.extend(value if isinstance(value, list) else [value] if value is not None else [])
    return found


def test_ner_convolutions_are_switched_and_equal():
    layers = convolutions(resources.ner_tagger().infer.model)
    assert layers and all(type(layer) is ShiftedConv1d for layer in layers)
    rng = np.random.default_rng(0)
    for layer in layers:
        batch = rng.standard_normal((3, layer.weight.shape[1], 17)).astype(np.float32)
        np.testing.assert_allclose(layer(batch), Conv1d.__call__(layer, batch), rtol=1e-4, atol=1e-4)
