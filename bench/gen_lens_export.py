#!/usr/bin/env python3
"""Writes a synthetic Lens.org-style patent export (CSV) for bench/exports.sh.

    bench/gen_lens_export.py ROWS OUT.csv

Every value is invented. The file has Lens's header and, per row: a publication number (5 % of
rows repeat an earlier one, as merged searches do), dates in the spellings exports use (some
missing or malformed), one to three applicants from 5,000 names in case and legal-form variants
(`;;`-separated), IPC codes (a few CPC-only ones), legal status words, a citation count and an
abstract of about 600 characters, so 200,000 rows make about 150 MB.
"""
import random
import sys

HEADER = ('"#",Jurisdiction,Kind,Display Key,Lens ID,Publication Date,Publication Year,'
          'Application Number,Application Date,Priority Numbers,Earliest Priority Date,Title,'
          'Abstract,Applicants,Inventors,Owners,URL,Document Type,Has Full Text,'
          'Cites Patent Count,Cited by Patent Count,Simple Family Size,Simple Family Members,'
          'Simple Family Member Jurisdictions,Extended Family Size,Extended Family Members,'
          'Extended Family Member Jurisdictions,Sequence Count,CPC Classifications,'
          'IPCR Classifications,US Classifications,NPL Citation Count,NPL Resolved Citation Count,'
          'NPL Resolved Lens ID(s),NPL Resolved External ID(s),NPL Citations,Legal Status')
WORDS = ('battery cell module thermal cooling plate housing electrode separator charging '
         'control vehicle frame bracket sensor signal circuit method system device assembly '
         'concrete beam column joint sleeve grout precast slab connection anchor').split()
SUBCLASSES = ['H01M', 'B60L', 'H02J', 'E04B', 'E04G', 'G06F', 'G01R', 'F28D']
STATUSES = ['ACTIVE', 'PENDING', 'DISCONTINUED', 'EXPIRED', 'INACTIVE', 'UNKNOWN']


def company(i):
    base = 'Example %s %s' % (WORDS[i % len(WORDS)].title(), WORDS[(i * 7) % len(WORDS)].title())
    suffix = ['Co., Ltd.', 'CO LTD', 'Company Limited', 'Corp.', 'Corporation'][i % 5 if i % 3 else 0]
    name = '%s %d %s' % (base, i, suffix)
    return name.upper() if random.random() < 0.2 else name


def date(year):
    month, day = random.randint(1, 12), random.randint(1, 28)
    style = random.random()
    if style < 0.02:
        return ''
    if style < 0.025:
        return '%d-13-%02d' % (year, day)
    if style < 0.5:
        return '%d-%02d-%02d' % (year, month, day)
    if style < 0.7:
        return '%d.%02d.%02d' % (year, month, day)
    if style < 0.85:
        return '%d/%d/%d' % (year, month, day)
    return '%d%02d%02d' % (year, month, day)


def quote(v):
    return '"%s"' % v.replace('"', '""') if any(c in v for c in ',";\n') else v


def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    random.seed(7)
    numbers = []
    with open(out, 'w', newline='') as f:
        f.write(HEADER + '\n')
        for n in range(1, rows + 1):
            if numbers and random.random() < 0.05:
                key = random.choice(numbers)
            else:
                key = 'CN %d A' % (110000000 + n)
                numbers.append(key)
            year = random.randint(2005, 2024)
            applicants = ';;'.join(company(random.randint(0, 4999)) for _ in range(random.randint(1, 3)))
            ipc = ';;'.join('%s%d/%d' % (random.choice(SUBCLASSES), random.randint(1, 60), random.randint(0, 99))
                            for _ in range(random.randint(1, 4)))
            if random.random() < 0.01:
                ipc = 'Y02E 10/50;;' + ipc
            abstract = " ".join(random.choice(WORDS) for _ in range(45))
            cells = [str(n), 'CN', 'A', key, '%03d-%03d-%03d-%03d-%03d' % (n % 997, n % 991, n % 983, n % 977, n % 971),
                     date(year + 1), str(year + 1), 'CN %d' % (201910000000 + n), date(year), '', date(year),
                     ' '.join(random.choice(WORDS) for _ in range(6)), abstract, applicants, 'Inventor A;;Inventor B',
                     applicants, 'https://www.lens.org/lens/patent/%d' % n, 'Patent Application', 'false',
                     str(random.randint(0, 20)), str(random.randint(0, 40)), '1', key, 'CN', '1', key, 'CN', '0',
                     '', ipc, '', '0', '0', '', '', '', random.choice(STATUSES)]
            f.write(','.join(quote(c) for c in cells) + '\n')


if __name__ == '__main__':
    main()
