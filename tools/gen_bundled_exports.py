#!/usr/bin/env python3
"""Writes the bundled portal's two illustrative raw exports (run from the repository root):

    content/briefs/bipv-facades/lens-export.csv     Lens.org's CSV format
    content/briefs/asphalt-self-healing/export.csv  a Chinese database's headers, UTF-8 with BOM

Every number, name and date is invented (fixed seed, so the files are reproducible). The rows
have what real exports have: repeated records (merged searches), dates in several spellings,
applicant names in case and legal-form variants. Every row is countable, so the bundled portal
builds without `data/export` warnings.
"""
import os
import random
import sys

# The Lens header and CSV quoting are the benchmark generator's: one copy of Lens's format.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'bench'))
from gen_lens_export import HEADER as LENS_HEADER, quote  # noqa: E402

LENS_APPLICANTS = [
    ['Example Solar Facade Co., Ltd.', 'EXAMPLE SOLAR FACADE CO LTD', 'Example Solar Facade Company Limited'],
    ['Sample Glass Corp.', 'SAMPLE GLASS CORPORATION'],
    ['示例大学', 'EXAMPLE UNIV', 'Example University'],
    ['Demo Building Systems Inc', 'DEMO BUILDING SYSTEMS INC.'],
    ['Illustra Energy AG'],
    ['示例建筑设计研究院有限公司'],
    ['Placeholder Photonics Co Ltd'],
    ['Mock Curtain Wall Co., Ltd.'],
]
LENS_IPC = ['H02S 20/26', 'H02S 20/22', 'E04F 13/08', 'E04B 2/88', 'H01L 31/048', 'E06B 3/67',
            'H02S 40/42', 'E04D 13/18']
LENS_STATUS = ['ACTIVE'] * 5 + ['PENDING'] * 3 + ['DISCONTINUED', 'EXPIRED', 'INACTIVE']
OFFICES = [('CN', 'A'), ('CN', 'B'), ('US', 'A1'), ('EP', 'A1'), ('WO', 'A1'), ('JP', 'A'), ('KR', 'A')]


def spelled(year, month, day, r):
    style = r.random()
    if style < 0.55:
        return '%d-%02d-%02d' % (year, month, day)
    if style < 0.75:
        return '%d.%02d.%02d' % (year, month, day)
    if style < 0.9:
        return '%d/%d/%d' % (year, month, day)
    return '%d%02d%02d' % (year, month, day)


def lens_number(office, kind, serial, year):
    if office == 'CN':
        return 'CN %d %s' % (110000000 + serial, kind)
    if office == 'US':
        return 'US %d/%07d %s' % (year + 1, 100000 + serial, kind)
    if office == 'EP':
        return 'EP %d %s' % (3400000 + serial, kind)
    if office == 'WO':
        return 'WO %d/%06d %s' % (year + 1, 100000 + serial, kind)
    if office == 'JP':
        return 'JP %d-%06d %s' % (year + 1, 100000 + serial, kind)
    return 'KR %d%07d %s' % (year + 1, 1000000 + serial, kind)


def lens(path, r):
    rows = []
    for n in range(1, 241):
        year = r.choice(range(2015, 2025))
        office, kind = r.choice(OFFICES)
        key = lens_number(office, kind, n, year)
        groups = r.sample(range(len(LENS_APPLICANTS)), r.choice([1, 1, 1, 2]))
        weights = [r.random() for _ in groups]
        applicants = ';;'.join(r.choice(LENS_APPLICANTS[g]) for g in groups if weights)
        month, day = r.randint(1, 12), r.randint(1, 28)
        ipcs = ';;'.join(r.sample(LENS_IPC, r.randint(1, 3)))
        cells = [str(n), office, kind, key, '000-%03d-%03d-%03d-%03d' % (n, n * 3 % 1000, n * 7 % 1000, n * 11 % 1000),
                 spelled(year + 1, month, day, r), str(year + 1), '', spelled(year, month, day, r), '',
                 spelled(year, month, day, r), 'Illustrative facade module %d' % n, 'Invented abstract.',
                 applicants, 'Inventor A;;Inventor B', applicants, '', 'Patent Application', 'false', '0',
                 str(r.choice([0, 0, 0, 1, 2, 3, 5, 8, 13, 21]) if n % 37 else 40 + n % 9), '1', key, office,
                 '1', key, office, '0', '', ipcs, '', '0', '0', '', '', '', r.choice(LENS_STATUS)]
        rows.append(','.join(quote(c) for c in cells))
    rows += r.sample(rows, 12)  # a second search merged in
    with open(path, 'w', newline='') as f:
        f.write(LENS_HEADER + '\n' + '\n'.join(rows) + '\n')


CN_HEADER = '序号,公开（公告）号,标题,摘要,申请号,申请日,公开（公告）日,申请（专利权）人,发明（设计）人,IPC主分类,IPC,当前法律状态,优先权日,被引证次数,简单同族'
CN_APPLICANTS = [
    ['示例交通大学', '示例交通大学', '示例 交通大学'],
    ['示例路桥建设集团有限公司'],
    ['示例公路科学研究院'],
    ['示例新材料科技有限公司', '示例新材料科技有限公司'],
    ['Example Pavement Co., Ltd.', 'EXAMPLE PAVEMENT CO LTD'],
    ['示例市政工程设计院有限公司'],
]
CN_IPC = ['E01C 7/18', 'E01C 7/26', 'C08L 95/00', 'C04B 26/26', 'E01C 11/00', 'C08K 3/04', 'E01C 23/06']
# Titles and abstracts carry the words the brief's technology–effect rules (matrix.yaml) look
# for; '普通改性剂' and abstracts without an effect leave some records unassigned, as real ones do.
CN_TECHNIQUES = ['微胶囊', '感应加热', '钢纤维', '再生剂', '形状记忆聚合物', '普通改性剂']
CN_TITLES = ['一种基于{t}的沥青路面自愈合方法', '含{t}的自愈合沥青混合料及其制备方法', '一种{t}沥青路面裂缝修复结构']
CN_EFFECTS = ['延长路面使用寿命', '降低养护成本', '提高裂缝愈合率', '提高低温抗裂性能', '缩短修复时间']
CN_INVENTORS = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周婷', '吴军']
CN_STATUS = ['有效'] * 4 + ['审中'] * 3 + ['未缴年费', '驳回', '撤回', '期限届满', '有效;部分无效']


def chinese(path, r):
    w = random.Random(2027)
    rows = []
    for n in range(1, 181):
        year = r.choice(range(2015, 2025))
        kind = r.choice(['A', 'A', 'B', 'U'])
        first = '2' if kind == 'U' else '1'
        number = 'CN%s%08d%s' % (first, 12000000 + n, kind)
        month, day = r.randint(1, 12), r.randint(1, 28)
        chosen = r.sample(range(len(CN_APPLICANTS)), r.choice([1, 1, 2]))
        applicants = r.choice(['；', ';']).join(r.choice(CN_APPLICANTS[g]) for g in chosen)
        ipcs = r.sample(CN_IPC, r.randint(1, 3))
        main = ipcs[0].replace(' ', '') if r.random() < 0.5 else ipcs[0]
        date = spelled(year, month, day, r) if r.random() < 0.9 else '%d年%d月%d日' % (year, month, day)
        # The words, inventors and family come from their own generator, so the other cells
        # stay as they were before these columns were added.
        title = w.choice(CN_TITLES).format(t=w.choice(CN_TECHNIQUES))
        effects = w.sample(CN_EFFECTS, w.choice([0, 1, 1, 2]))
        abstract = '本发明公开了%s，%s。' % (title.replace('一种', ''), '，'.join(effects) or '结构简单')
        inventors = '；'.join(w.sample(CN_INVENTORS, w.randint(1, 3)))
        family = [number] + ['%s2%03d%06d%s' % (o, w.randint(16, 24), n, k)
                             for o, k in [('WO', 'A1'), ('US', 'A1'), ('EP', 'A1'), ('JP', 'A')] if w.random() < 0.15]
        cells = [str(n), number, title + str(n), abstract, '%d1%07d.%d' % (year, n, n % 10), date,
                 spelled(year + 1, month, day, r), applicants, inventors, main, ';'.join(ipcs),
                 r.choice(CN_STATUS), '', str(r.choice([0, 0, 1, 2, 3, 6]) if n % 29 else 20 + n % 7),
                 ';'.join(family)]
        rows.append(','.join(quote(c) for c in cells))
    rows += r.sample(rows, 9)
    with open(path, 'w', encoding='utf-8-sig', newline='') as f:
        f.write(CN_HEADER + '\n' + '\n'.join(rows) + '\n')


if __name__ == '__main__':
    lens('content/briefs/bipv-facades/lens-export.csv', random.Random(2025))
    chinese('content/briefs/asphalt-self-healing/export.csv', random.Random(2026))
