"""A letterhead's crest or logo: ``logo: {file: crest.png, alt: …}`` in an office of people.yaml.

The file is a PNG or JPEG beside the YAML that names it (or in a folder
below it: a path may not leave that folder), at most :data:`MAX_IMAGE_BYTES`;
its kind and size in pixels are read by python-docx's image parser, the same
that sizes pictures in Word documents.  The alt text is required: a crest
says who writes, and a reader who cannot see it must hear that too.
"""

from __future__ import annotations

from pathlib import Path

from . import yamlnodes as y
from .inputs import read_bytes
from ..errors import LetterforgeError
from ..letter import LetterheadImage

MAX_IMAGE_BYTES = 2_000_000
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpeg"}


def read_logo(node: y.Node) -> LetterheadImage:
    """The image that ``node`` (``{file, alt}``) names; a located error for anything that is not a usable one."""
    from docx.image.exceptions import UnrecognizedImageError
    from docx.image.image import Image

    m = y.Mapping(node, "logo")
    m.check_keys(("file", "alt"), required=("file", "alt"))
    file_node = m.require("file")
    name = y.line(file_node, "file")
    alt = y.line(m.require("alt"), "alt")
    base = Path(node.path).parent
    path = base / name
    if Path(name).is_absolute() or not path.resolve().is_relative_to(base.resolve()):
        raise file_node.error(f"the logo '{name}' is outside the folder of {Path(node.path).name}",
                              "keep the image beside the YAML file that names it")
    try:
        data = read_bytes(path, "a PNG or JPEG image", MAX_IMAGE_BYTES)
    except LetterforgeError as e:
        raise file_node.error(f"the logo '{name}': {e.message}", e.hint) from None
    try:
        image = Image.from_blob(data)
    except (UnrecognizedImageError, ValueError, IndexError, KeyError) as e:
        raise file_node.error(f"the logo '{name}' is not an image python-docx can read ({type(e).__name__})",
                              "give a PNG or JPEG file") from None
    if image.content_type not in IMAGE_TYPES:
        raise file_node.error(f"the logo '{name}' is {image.content_type}", "give a PNG or JPEG file")
    return LetterheadImage(data, image.content_type, IMAGE_TYPES[image.content_type], alt,
                           image.px_width, image.px_height)
