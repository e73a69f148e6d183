#!/usr/bin/env python3
"""Writes tests/fixtures/exports/lens-real-shaped.csv (run from the repository root): a Lens.org
CSV export shaped like a real one a centre tried (issue 25), for the chart tests.

Its shape, which the tests rely on:
  - 276 records, priority years 2005-2024, every year present;
  - 42 IPC subclasses among the records' first IPCR codes (a record's later codes are in other
    subclasses, so counting every code would give other figures);
  - long English applicant names, one applicant per record: eight leaders with 14, 12, 10, 9, 8,
    6, 5 and 4 records, then 11 applicants tied at 3 (places 9-19), then applicants with 2 and 1;
  - titles, inventors, simple-family jurisdictions and cited-by counts, as Lens gives them;
  - no Kind and no Legal Status column.
Names, numbers and titles are invented (fixed seed, so the file is reproducible).
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'bench'))
from gen_lens_export import HEADER as LENS_HEADER, quote  # noqa: E402

OUT = 'tests/fixtures/exports/lens-real-shaped.csv'
COLUMNS = [c for c in LENS_HEADER.split(',') if c not in ('Kind', 'Legal Status')]

LEADERS = [
    ('BEIJING XIAOMI MOBILE SOFTWARE CO LTD', 14),
    ('OPPO MOBILE TELECOMMUNICATIONS CORP LTD', 12),
    ('HUAWEI TECHNOLOGIES CO LTD', 10),
    ('VIVO MOBILE COMMUNICATION CO LTD', 9),
    ('SAMSUNG ELECTRONICS CO LTD', 8),
    ('ZTE CORPORATION', 6),
    ('GUANGDONG OPPO MOBILE TELECOMMUNICATIONS CORPORATION LIMITED', 5),
    ('LENOVO BEIJING CO LTD', 4),
]
TIED = ['EXAMPLE TIED APPLICANT %02d WIRELESS TECHNOLOGY CO LTD' % i for i in range(1, 12)]
PAIRS = ['SAMPLE PAIR APPLICANT %02d ELECTRONICS CO LTD' % i for i in range(1, 41)]
SINGLES = ['SAMPLE SINGLE APPLICANT %02d UNIVERSITY' % i for i in range(1, 96)]

# 42 subclasses, largest first; their first-code counts add up to 276.
SUBCLASSES = ['H04W', 'H04L', 'G06F', 'H04M', 'H04N', 'H04B', 'G06T', 'G06K', 'H01Q', 'G06N',
              'G06Q', 'H02J', 'G01S', 'G09G', 'H01M', 'G08C', 'H04R', 'G10L', 'G02B', 'G01C',
              'H03M', 'H04J', 'H04S', 'H05K', 'G06V', 'G11B', 'H01L', 'G07C', 'G08G', 'B60R',
              'A61B', 'G01R', 'G05B', 'H02M', 'H03K', 'G03B', 'G04G', 'G16H', 'H01H', 'B25J',
              'F21V', 'A63F']
FIRST_CODE_COUNTS = [60, 40, 30, 20, 15, 12, 10, 8, 7, 6] + [4] * 8 + [2] * 12 + [1] * 12
TITLES = ['Method for switching a wireless network', 'Antenna module and electronic device',
          'Display control method and terminal', 'Battery charging circuit for a handset',
          'Image processing method and apparatus', 'Resource scheduling method for a base station']
JURISDICTIONS = ['CN', 'CN;;US', 'CN;;US;;EP', 'CN;;WO', 'CN;;JP;;KR', 'US', 'CN;;EP;;IN']
INVENTORS = ['WANG LEI', 'LI NA', 'ZHANG WEI', 'LIU YANG', 'CHEN JING', 'ZHAO MIN', 'SUN HAO']
# Records per priority year, 2005-2024 (276 in all).
PER_YEAR = [2, 3, 3, 4, 5, 6, 8, 9, 11, 13, 15, 17, 19, 21, 24, 26, 28, 25, 22, 15]


def main():
    assert sum(FIRST_CODE_COUNTS) == 276 and len(FIRST_CODE_COUNTS) == 42
    assert sum(PER_YEAR) == 276 and len(PER_YEAR) == 20
    r = random.Random(25)
    applicants = [n for n, k in LEADERS for _ in range(k)]
    applicants += [n for n in TIED for _ in range(3)]
    applicants += [n for n in PAIRS for _ in range(2)] + SINGLES
    assert len(applicants) == 276
    r.shuffle(applicants)
    codes = [s for s, k in zip(SUBCLASSES, FIRST_CODE_COUNTS) for _ in range(k)]
    r.shuffle(codes)
    years = [2005 + i for i, k in enumerate(PER_YEAR) for _ in range(k)]
    with open(OUT, 'w', encoding='utf-8', newline='') as f:
        f.write(','.join(COLUMNS) + '\n')
        for n in range(276):
            year = years[n]
            first = '%s %d/%02d' % (codes[n], r.randint(1, 99), r.randint(0, 99))
            second = '%s %d/00' % (r.choice(['G06F', 'H04W', 'H04L']), r.randint(1, 50))
            row = {
                '"#"': str(n + 1),
                'Jurisdiction': 'CN',
                'Display Key': 'CN %d A' % (100000000 + 1371 * (n + 1)),
                'Lens ID': '000-%03d-%03d-%03d-%03d' % (n // 1000, n % 1000, 25, year % 1000),
                'Publication Date': '%d-%02d-%02d' % (year + 1, r.randint(1, 12), r.randint(1, 28)),
                'Publication Year': str(year + 1),
                'Application Date': '%d-%02d-%02d' % (year, r.randint(1, 12), r.randint(1, 28)),
                'Earliest Priority Date': '%d-%02d-%02d' % (year, r.randint(1, 12), r.randint(1, 28)),
                'Title': '%s (%d)' % (r.choice(TITLES), n + 1),
                'Applicants': applicants[n],
                'Inventors': ';;'.join(r.sample(INVENTORS, r.randint(1, 3))),
                'Document Type': 'Patent Application',
                'Cited by Patent Count': str(r.choice([0, 0, 0, 1, 2, 3, 5, 8]) + (n % 97 == 0) * 40),
                'Simple Family Size': '1',
                'Simple Family Member Jurisdictions': r.choice(JURISDICTIONS),
                'IPCR Classifications': first + ';;' + second,
            }
            f.write(','.join(quote(row.get(c, '')) for c in COLUMNS) + '\n')


if __name__ == '__main__':
    main()
