"""
Runs the E-ARK validator (eark-validator, PyPI) offline and prints its report as one JSON line.

eark-validator 1.1.3 downloads four CSIP vocabularies from earkcsip.dilcis.eu when its Schematron module is imported
(eark_validator/ipxml/schematron.py, SchematronTests.__init__) and fails without network. The wheel ships copies of
the same vocabularies (eark_validator/ipxml/resources/vocabs/); this wrapper answers those URLs from the copies
before the module is imported, and refuses any other URL, so a run never reaches the network.

Usage: python eark_offline.py PACKAGE(.zip or folder)
"""
import io
import json
import sys
import urllib.request
from pathlib import Path

from importlib_resources import files

VOCAB_PREFIX = 'https://earkcsip.dilcis.eu/schema/'


def offline_urlopen(url, *args, **kwargs):
    url = url if isinstance(url, str) else url.full_url
    if url.startswith(VOCAB_PREFIX):
        name = url[len(VOCAB_PREFIX):]
        local = files('eark_validator.ipxml.resources.vocabs').joinpath(name)
        return io.BytesIO(local.read_bytes())
    raise OSError(f'offline: {url} is not served by the wrapper')


urllib.request.urlopen = offline_urlopen

# Imported only now: the Schematron module binds urlopen at import and builds the vocabulary tests then.
import eark_validator.ipxml.schematron as schematron  # noqa: E402

schematron.urlopen = offline_urlopen
import eark_validator.packages as packages  # noqa: E402
from eark_validator.specifications.specification import SpecificationVersion  # noqa: E402


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    report = packages.PackageValidator(Path(sys.argv[1]), SpecificationVersion.V2_1_0).validation_report
    print(report.model_dump_json())
    return 0


if __name__ == '__main__':
    sys.exit(main())
