"""
The local PAdES signer (signing/local-pades.ts runs it): pyHanko signs a PDF with a PAdES B-B signature (CMS with the
signing-certificate-v2 attribute, SubFilter ETSI.CAdES.detached) as an incremental update, so that earlier
signatures stay valid and the trailer /ID and the PDF/A identification stay as they were.

The keys are TEST keys: a small local CA made once per installation in the key folder, and one certificate per
signer (name, title, organisation), issued by that CA on first use. They prove integrity and who the system signed
for; they are not qualified or advanced signatures of a person (docs/signing.md).

Usage (one JSON object on stdin, one on stdout):
  python pades_sign.py sign KEYDIR IN.pdf OUT.pdf   stdin: {"name", "title", "organisation", "reason", "location"}
  python pades_sign.py ca KEYDIR                    prints {"caCertificate": path} (made if missing)
"""

import datetime
import hashlib
import io
import json
import os
import sys
import tempfile

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

CA_NAME = 'Beslutsflöde lokal test-CA (inte för verklig underskrift)'
CA_YEARS = 20
SIGNER_YEARS = 5


def _write_private(path, data):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, 'wb') as f:
        f.write(data)


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=3072)


def _pem_key(key):
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _publish_dir(build, target):
    """Makes the folder `target` whole or not at all: built in a temporary sibling, then renamed (a racing
    process that got there first wins; its keys are used)."""
    parent = os.path.dirname(target)
    os.makedirs(parent, mode=0o700, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix='.tmp-', dir=parent)
    try:
        build(tmp)
        os.rename(tmp, target)
    except OSError:
        if not os.path.isdir(target):
            raise
    finally:
        if os.path.isdir(tmp):
            for name in os.listdir(tmp):
                os.remove(os.path.join(tmp, name))
            os.rmdir(tmp)


def _now():
    return datetime.datetime.now(datetime.timezone.utc)


def ensure_ca(keydir):
    ca_dir = os.path.join(keydir, 'ca')

    def build(d):
        key = _key()
        name = x509.Name([
            x509.NameAttribute(NameOID.COMMON_NAME, CA_NAME),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, 'Beslutsflöde (lokal installation)'),
            x509.NameAttribute(NameOID.COUNTRY_NAME, 'SE'),
        ])
        now = _now()
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=365 * CA_YEARS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False, content_commitment=False, key_encipherment=False,
                    data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                    encipher_only=False, decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256())
        )
        _write_private(os.path.join(d, 'key.pem'), _pem_key(key))
        with open(os.path.join(d, 'cert.pem'), 'wb') as f:
            f.write(cert.public_bytes(serialization.Encoding.PEM))

    if not os.path.isfile(os.path.join(ca_dir, 'cert.pem')):
        _publish_dir(build, ca_dir)
    return ca_dir


def _load_ca(ca_dir):
    with open(os.path.join(ca_dir, 'key.pem'), 'rb') as f:
        key = serialization.load_pem_private_key(f.read(), password=None)
    with open(os.path.join(ca_dir, 'cert.pem'), 'rb') as f:
        cert = x509.load_pem_x509_certificate(f.read())
    return key, cert


def ensure_signer(keydir, ca_dir, who):
    """The signer's key and certificate (issued by the local CA on first use, again when it has expired)."""
    ident = json.dumps([who['name'], who.get('title', ''), who.get('organisation', '')], ensure_ascii=False)
    fingerprint = hashlib.sha256(ident.encode('utf-8')).hexdigest()[:32]
    signer_dir = os.path.join(keydir, 'signers', fingerprint)
    cert_path = os.path.join(signer_dir, 'cert.pem')
    if os.path.isfile(cert_path):
        with open(cert_path, 'rb') as f:
            cert = x509.load_pem_x509_certificate(f.read())
        if cert.not_valid_after_utc > _now() + datetime.timedelta(days=1):
            return signer_dir
        # Expired (or about to): a new key and certificate beside the old one's folder name.
        old = signer_dir + '.expired-' + _now().strftime('%Y%m%d%H%M%S')
        os.rename(signer_dir, old)

    def build(d):
        ca_key, ca_cert = _load_ca(ca_dir)
        key = _key()
        attrs = [x509.NameAttribute(NameOID.COMMON_NAME, who['name'])]
        if who.get('title'):
            attrs.append(x509.NameAttribute(NameOID.TITLE, who['title']))
        if who.get('organisation'):
            attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, who['organisation']))
        attrs.append(x509.NameAttribute(NameOID.COUNTRY_NAME, 'SE'))
        now = _now()
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name(attrs))
            .issuer_name(ca_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=365 * SIGNER_YEARS))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True, content_commitment=True, key_encipherment=False,
                    data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                    encipher_only=False, decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
            )
            .sign(ca_key, hashes.SHA256())
        )
        _write_private(os.path.join(d, 'key.pem'), _pem_key(key))
        with open(os.path.join(d, 'cert.pem'), 'wb') as f:
            f.write(cert.public_bytes(serialization.Encoding.PEM))

    _publish_dir(build, signer_dir)
    return signer_dir


def sign(keydir, src, dst, who):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields, signers

    ca_dir = ensure_ca(keydir)
    signer_dir = ensure_signer(keydir, ca_dir, who)
    signer = signers.SimpleSigner.load(
        os.path.join(signer_dir, 'key.pem'),
        os.path.join(signer_dir, 'cert.pem'),
        ca_chain_files=(os.path.join(ca_dir, 'cert.pem'),),
    )
    with open(src, 'rb') as f:
        data = f.read()
    # PDF/A-2 (ISO 19005-2, 6.1.9) wants "endobj"/"obj" on lines of their own: a file whose last "%%EOF" has no
    # EOL after it (pdf-lib writes none) would get the update's first object glued to it. An EOL there changes
    # nothing the file says.
    if not data.endswith((b'\n', b'\r')):
        data += b'\n'
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    taken = {name for name, _, _ in fields.enumerate_sig_fields(writer.prev)}
    n = len(taken) + 1
    while f'Underskrift{n}' in taken:
        n += 1
    field = f'Underskrift{n}'
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        md_algorithm='sha256',
        subfilter=fields.SigSeedSubFilter.PADES,
        name=who['name'],
        reason=who.get('reason') or None,
        location=who.get('location') or None,
    )
    out = signers.sign_pdf(writer, meta, signer=signer)
    signed_at = PdfFileReader(out).embedded_signatures[-1].self_reported_timestamp
    tmp = dst + '.part'
    with open(tmp, 'wb') as o:
        o.write(out.getbuffer())
    os.replace(tmp, dst)
    with open(os.path.join(signer_dir, 'cert.pem'), 'rb') as f:
        cert = x509.load_pem_x509_certificate(f.read())
    return {
        'field': field,
        'signedAt': signed_at.astimezone(datetime.timezone.utc).isoformat().replace('+00:00', 'Z'),
        'subject': cert.subject.rfc4514_string(),
        'issuer': cert.issuer.rfc4514_string(),
        'certificateSha256': cert.fingerprint(hashes.SHA256()).hex(),
    }


def main(argv):
    if len(argv) >= 3 and argv[1] == 'ca':
        ca_dir = ensure_ca(argv[2])
        print(json.dumps({'caCertificate': os.path.join(ca_dir, 'cert.pem')}))
        return 0
    if len(argv) == 5 and argv[1] == 'sign':
        who = json.load(sys.stdin)
        if not who.get('name'):
            print('name saknas', file=sys.stderr)
            return 2
        print(json.dumps(sign(argv[2], argv[3], argv[4], who), ensure_ascii=False))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
