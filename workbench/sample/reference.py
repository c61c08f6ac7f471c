"""Reference data for the synthetic world: geography, name parts, products, draw weights.

The weights say how often each item of the domain's lists (``workbench.reference``) is drawn.

Everything here is fixed text shipped with the package (no library's word lists), so the
same seed gives the same world byte for byte on any machine and any library version.
People are composed from common surname and given-name characters: never real people.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "DEALER_WORDS",
    "DEPARTMENT_WEIGHT",
    "DISTRICTS",
    "EVENT_KINDS",
    "GIVEN",
    "NEXT_STEPS",
    "NUMERALS",
    "PRODUCTS",
    "REGIONS",
    "RETURN_COMMENTS",
    "SPECIAL_HOSPITALS",
    "SURNAMES",
    "TIER_WEIGHT",
    "TITLE_SHARE",
    "CityRef",
    "ProductRef",
    "RegionRef",
]


class CityRef(NamedTuple):
    """A city: its Chinese and English names, its tier and its telephone area code."""

    name: str
    name_en: str
    tier: int
    area_code: str


class RegionRef(NamedTuple):
    """A sales region: its code, its Chinese and English names, and its cities."""

    code: str
    name: str
    name_en: str
    cities: tuple[CityRef, ...]


# fmt: off
REGIONS: tuple[RegionRef, ...] = (
    RegionRef("north", "华北大区", "North", (
        CityRef("北京", "Beijing", 1, "010"), CityRef("天津", "Tianjin", 2, "022"),
        CityRef("石家庄", "Shijiazhuang", 2, "0311"), CityRef("太原", "Taiyuan", 2, "0351"),
        CityRef("呼和浩特", "Hohhot", 3, "0471"), CityRef("保定", "Baoding", 3, "0312"),
    )),
    RegionRef("northeast", "东北大区", "Northeast", (
        CityRef("沈阳", "Shenyang", 2, "024"), CityRef("大连", "Dalian", 2, "0411"),
        CityRef("长春", "Changchun", 2, "0431"), CityRef("哈尔滨", "Harbin", 2, "0451"),
        CityRef("吉林", "Jilin", 3, "0432"), CityRef("鞍山", "Anshan", 3, "0412"),
    )),
    RegionRef("east", "华东大区", "East", (
        CityRef("上海", "Shanghai", 1, "021"), CityRef("杭州", "Hangzhou", 2, "0571"),
        CityRef("宁波", "Ningbo", 2, "0574"), CityRef("温州", "Wenzhou", 3, "0577"),
        CityRef("合肥", "Hefei", 2, "0551"), CityRef("绍兴", "Shaoxing", 3, "0575"),
    )),
    RegionRef("jiangsu", "江苏大区", "Jiangsu", (
        CityRef("南京", "Nanjing", 2, "025"), CityRef("苏州", "Suzhou", 2, "0512"),
        CityRef("无锡", "Wuxi", 3, "0510"), CityRef("常州", "Changzhou", 3, "0519"),
        CityRef("南通", "Nantong", 3, "0513"), CityRef("徐州", "Xuzhou", 3, "0516"),
    )),
    RegionRef("south", "华南大区", "South", (
        CityRef("广州", "Guangzhou", 1, "020"), CityRef("深圳", "Shenzhen", 1, "0755"),
        CityRef("佛山", "Foshan", 3, "0757"), CityRef("东莞", "Dongguan", 3, "0769"),
        CityRef("南宁", "Nanning", 2, "0771"), CityRef("海口", "Haikou", 3, "0898"),
    )),
    RegionRef("central", "华中大区", "Central", (
        CityRef("武汉", "Wuhan", 2, "027"), CityRef("长沙", "Changsha", 2, "0731"),
        CityRef("郑州", "Zhengzhou", 2, "0371"), CityRef("南昌", "Nanchang", 2, "0791"),
        CityRef("洛阳", "Luoyang", 3, "0379"), CityRef("宜昌", "Yichang", 3, "0717"),
    )),
    RegionRef("southwest", "西南大区", "Southwest", (
        CityRef("成都", "Chengdu", 2, "028"), CityRef("重庆", "Chongqing", 2, "023"),
        CityRef("昆明", "Kunming", 2, "0871"), CityRef("贵阳", "Guiyang", 2, "0851"),
        CityRef("绵阳", "Mianyang", 3, "0816"), CityRef("遵义", "Zunyi", 3, "0851"),
    )),
    RegionRef("northwest", "西北大区", "Northwest", (
        CityRef("西安", "Xi'an", 2, "029"), CityRef("兰州", "Lanzhou", 2, "0931"),
        CityRef("乌鲁木齐", "Urumqi", 2, "0991"), CityRef("银川", "Yinchuan", 3, "0951"),
        CityRef("西宁", "Xining", 3, "0971"), CityRef("宝鸡", "Baoji", 3, "0917"),
    )),
    RegionRef("shandong", "山东大区", "Shandong", (
        CityRef("济南", "Jinan", 2, "0531"), CityRef("青岛", "Qingdao", 2, "0532"),
        CityRef("烟台", "Yantai", 3, "0535"), CityRef("潍坊", "Weifang", 3, "0536"),
        CityRef("临沂", "Linyi", 3, "0539"), CityRef("淄博", "Zibo", 3, "0533"),
    )),
)
# fmt: on

#: Relative market weight of a city by tier (hospitals cluster in large cities).
TIER_WEIGHT = {1: 7.0, 2: 3.0, 3: 1.4}

# Surnames with pinyin and relative frequency (the common ones, roughly as in a census).
# fmt: off
SURNAMES: tuple[tuple[str, str, float], ...] = (
    ("王", "Wang", 7.1), ("李", "Li", 7.0), ("张", "Zhang", 6.7), ("刘", "Liu", 5.4),
    ("陈", "Chen", 4.5), ("杨", "Yang", 3.1), ("黄", "Huang", 2.4), ("赵", "Zhao", 2.3),
    ("吴", "Wu", 2.0), ("周", "Zhou", 1.9), ("徐", "Xu", 1.5), ("孙", "Sun", 1.5),
    ("马", "Ma", 1.3), ("朱", "Zhu", 1.3), ("胡", "Hu", 1.2), ("郭", "Guo", 1.1),
    ("何", "He", 1.0), ("林", "Lin", 1.0), ("高", "Gao", 1.0), ("罗", "Luo", 0.9),
    ("郑", "Zheng", 0.9), ("梁", "Liang", 0.8), ("谢", "Xie", 0.7), ("宋", "Song", 0.7),
    ("唐", "Tang", 0.7), ("许", "Xu", 0.6), ("邓", "Deng", 0.6), ("韩", "Han", 0.6),
    ("冯", "Feng", 0.6), ("曹", "Cao", 0.6), ("彭", "Peng", 0.5), ("曾", "Zeng", 0.5),
    ("肖", "Xiao", 0.5), ("田", "Tian", 0.5), ("董", "Dong", 0.5), ("潘", "Pan", 0.4),
    ("袁", "Yuan", 0.4), ("蔡", "Cai", 0.4), ("蒋", "Jiang", 0.4), ("余", "Yu", 0.4),
    ("于", "Yu", 0.4), ("杜", "Du", 0.4), ("叶", "Ye", 0.4), ("程", "Cheng", 0.4),
    ("魏", "Wei", 0.3), ("苏", "Su", 0.3), ("吕", "Lü", 0.3), ("丁", "Ding", 0.3),
    ("任", "Ren", 0.3), ("卢", "Lu", 0.3), ("姚", "Yao", 0.3), ("沈", "Shen", 0.3),
    ("钟", "Zhong", 0.3), ("姜", "Jiang", 0.3), ("崔", "Cui", 0.3), ("谭", "Tan", 0.3),
    ("陆", "Lu", 0.3), ("范", "Fan", 0.2), ("汪", "Wang", 0.2), ("廖", "Liao", 0.2),
    ("石", "Shi", 0.2), ("金", "Jin", 0.2), ("韦", "Wei", 0.2), ("贾", "Jia", 0.2),
    ("夏", "Xia", 0.2), ("付", "Fu", 0.2), ("方", "Fang", 0.2), ("邹", "Zou", 0.2),
    ("熊", "Xiong", 0.2), ("白", "Bai", 0.2), ("孟", "Meng", 0.2), ("秦", "Qin", 0.2),
    ("欧阳", "Ouyang", 0.05), ("司马", "Sima", 0.02),
)
# fmt: on

# Given-name characters with pinyin; the flag says which gender uses them most
# ("F", "M" or "" for both).
# fmt: off
GIVEN: tuple[tuple[str, str, str], ...] = (
    ("伟", "wei", "M"), ("强", "qiang", "M"), ("磊", "lei", "M"), ("军", "jun", "M"),
    ("勇", "yong", "M"), ("杰", "jie", "M"), ("涛", "tao", "M"), ("斌", "bin", "M"),
    ("超", "chao", "M"), ("明", "ming", ""), ("刚", "gang", "M"), ("平", "ping", ""),
    ("辉", "hui", "M"), ("鹏", "peng", "M"), ("华", "hua", ""), ("飞", "fei", "M"),
    ("鑫", "xin", "M"), ("波", "bo", "M"), ("宇", "yu", "M"), ("浩", "hao", "M"),
    ("凯", "kai", "M"), ("健", "jian", "M"), ("俊", "jun", "M"), ("帆", "fan", ""),
    ("帅", "shuai", "M"), ("旭", "xu", "M"), ("宁", "ning", ""), ("龙", "long", "M"),
    ("林", "lin", ""), ("峰", "feng", "M"), ("建国", "jianguo", "M"), ("志强", "zhiqiang", "M"),
    ("海", "hai", "M"), ("文", "wen", ""), ("东", "dong", "M"), ("毅", "yi", "M"),
    ("芳", "fang", "F"), ("娜", "na", "F"), ("敏", "min", "F"), ("静", "jing", "F"),
    ("丽", "li", "F"), ("艳", "yan", "F"), ("娟", "juan", "F"), ("霞", "xia", "F"),
    ("秀英", "xiuying", "F"), ("玲", "ling", "F"), ("燕", "yan", "F"), ("婷", "ting", "F"),
    ("雪", "xue", "F"), ("慧", "hui", "F"), ("颖", "ying", "F"), ("倩", "qian", "F"),
    ("琳", "lin", "F"), ("晶", "jing", "F"), ("欣", "xin", "F"), ("洁", "jie", "F"),
    ("梅", "mei", "F"), ("莉", "li", "F"), ("萍", "ping", "F"), ("红", "hong", "F"),
    ("佳", "jia", ""), ("思", "si", ""), ("雨", "yu", "F"), ("嘉", "jia", ""),
    ("晓", "xiao", ""), ("小", "xiao", ""), ("春", "chun", ""), ("秋", "qiu", ""),
    ("瑞", "rui", ""), ("博", "bo", "M"), ("子", "zi", ""), ("一", "yi", ""),
    ("亚", "ya", ""), ("晨", "chen", ""), ("阳", "yang", ""), ("悦", "yue", "F"),
    ("诗", "shi", "F"), ("梦", "meng", "F"), ("涵", "han", "F"), ("清", "qing", ""),
    ("立", "li", "M"), ("振", "zhen", "M"), ("永", "yong", "M"), ("德", "de", "M"),
    ("宏", "hong", "M"), ("新", "xin", ""),
)
# fmt: on


#: How often a hospital has each department (the lists: ``workbench.reference``).
DEPARTMENT_WEIGHT: dict[str, float] = {
    "心内科": 10,
    "呼吸内科": 9,
    "消化内科": 9,
    "内分泌科": 8,
    "神经内科": 8,
    "普外科": 9,
    "骨科": 8,
    "儿科": 7,
    "妇产科": 7,
    "急诊科": 7,
    "肿瘤科": 6,
    "肾内科": 5,
    "全科医学科": 6,
    "感染科": 4,
    "血液科": 4,
    "风湿免疫科": 4,
    "老年病科": 4,
    "重症医学科": 4,
    "泌尿外科": 5,
    "胸外科": 4,
    "神经外科": 4,
    "心外科": 3,
    "皮肤科": 4,
    "眼科": 4,
    "耳鼻喉科": 4,
    "中医科": 4,
    "麻醉科": 3,
    "康复医学科": 3,
}


class ProductRef(NamedTuple):
    """A product: names, line, therapeutic area, price, specialties, messages, share of sales."""

    name: str
    name_en: str
    line: str
    therapeutic_area: str
    unit_price: float
    specialties: tuple[str, ...]
    messages: tuple[str, ...]
    weight: float  # share of national sales value


PRODUCTS: tuple[ProductRef, ...] = (
    ProductRef(
        "瑞达替尼片",
        "Ruidatinib tablets",
        "specialty",
        "oncology",
        4200.0,
        ("oncology", "thoracic_surgery", "haematology"),
        ("无进展生存期显著延长", "每日一次口服，依从性好", "常见不良反应可管理"),
        3.0,
    ),
    ProductRef(
        "康妥珠单抗注射液",
        "Kangtuzumab injection",
        "specialty",
        "oncology",
        6800.0,
        ("oncology", "haematology"),
        ("总生存期获益", "联合化疗方案", "输注反应的预防与处理"),
        3.5,
    ),
    ProductRef(
        "舒心达缓释片",
        "Shuxinda extended-release tablets",
        "specialty",
        "cardiovascular",
        320.0,
        ("cardiology", "cardiac_surgery", "geriatrics"),
        ("24小时平稳降压", "心血管事件风险下降", "老年患者耐受性良好"),
        2.0,
    ),
    ProductRef(
        "神宁胶囊",
        "Shenning capsules",
        "specialty",
        "neurology",
        560.0,
        ("neurology", "neurosurgery", "rehabilitation"),
        ("卒中后神经功能改善", "起效时间", "与抗血小板药联用"),
        1.2,
    ),
    ProductRef(
        "糖平片",
        "Tangping tablets",
        "general",
        "diabetes",
        85.0,
        ("endocrinology", "general_practice", "geriatrics", "nephrology"),
        ("糖化血红蛋白达标率", "低血糖风险低", "肾功能不全剂量调整"),
        1.5,
    ),
    ProductRef(
        "肺畅吸入剂",
        "Feichang inhaler",
        "general",
        "respiratory",
        120.0,
        ("respiratory", "paediatrics", "emergency"),
        ("急性加重次数减少", "吸入装置使用教育", "儿童剂量"),
        1.0,
    ),
    ProductRef(
        "抗菌新注射剂",
        "Kangjunxin injection",
        "general",
        "anti-infectives",
        210.0,
        ("infectious", "intensive_care", "emergency", "general_surgery", "urology"),
        ("广谱覆盖", "耐药菌数据", "合理用药与疗程"),
        1.3,
    ),
    ProductRef(
        "骨安片",
        "Gu'an tablets",
        "general",
        "musculoskeletal",
        150.0,
        ("orthopaedics", "rheumatology", "geriatrics"),
        ("骨密度改善", "每周一次给药", "胃肠道耐受"),
        0.8,
    ),
    ProductRef(
        "胃康宁颗粒",
        "Weikangning granules",
        "otc",
        "digestive",
        38.0,
        ("gastroenterology", "general_practice", "tcm"),
        ("缓解消化不良症状", "药店可购", "儿童与老人用法"),
        0.4,
    ),
    ProductRef(
        "感冒清片",
        "Ganmaoqing tablets",
        "otc",
        "cold and flu",
        22.0,
        ("general_practice", "paediatrics", "ent"),
        ("缓解感冒症状", "避免与同类药重复使用", "药店陈列与患者教育"),
        0.3,
    ),
)

#: Share of doctors with each title.
TITLE_SHARE: dict[str, float] = {
    "chief": 0.10,
    "associate_chief": 0.22,
    "attending": 0.38,
    "resident": 0.30,
}

NEXT_STEPS: tuple[str, ...] = (
    "下周送文献资料",
    "邀请参加学术会议",
    "跟进处方情况",
    "约科室会",
    "安排主任拜访",
    "提供患者教育材料",
    "了解进药流程",
    "确认样品需求",
    "回访用药反馈",
    "介绍新适应症",
)

RETURN_COMMENTS: tuple[str, ...] = (
    "同一医生本周已被其他代表计划拜访，请协调后重新提交",
    "重点客户拜访次数不足，请补充A级医生",
    "拜访过于集中在同一医院，请平衡辖区覆盖",
    "计划中有已离职代表的客户，请确认归属",
)

DEALER_WORDS: tuple[tuple[str, str], ...] = (
    ("康达", "Kangda"),
    ("恒信", "Hengxin"),
    ("瑞丰", "Ruifeng"),
    ("中联", "Zhonglian"),
    ("永安", "Yong'an"),
    ("德顺", "Deshun"),
    ("安泰", "Antai"),
    ("华康", "Huakang"),
)

EVENT_KINDS: tuple[tuple[str, str], ...] = (
    ("学术沙龙", "academic salon"),
    ("专家研讨会", "expert seminar"),
    ("病例讨论会", "case discussion"),
    ("继续教育项目", "CME programme"),
)

NUMERALS = "一二三四五六七八九十"

SPECIAL_HOSPITALS: tuple[tuple[str, str], ...] = (
    ("中心医院", "Central Hospital"),
    ("中医院", "Hospital of Traditional Chinese Medicine"),
    ("妇幼保健院", "Maternal and Child Health Hospital"),
    ("儿童医院", "Children's Hospital"),
    ("肿瘤医院", "Cancer Hospital"),
    ("胸科医院", "Chest Hospital"),
    ("传染病医院", "Infectious Disease Hospital"),
    ("口腔医院", "Stomatological Hospital"),
    ("中西医结合医院", "Integrated Chinese and Western Medicine Hospital"),
    ("老年医院", "Geriatric Hospital"),
    ("康复医院", "Rehabilitation Hospital"),
    ("眼科医院", "Eye Hospital"),
)

DISTRICTS: tuple[tuple[str, str], ...] = (
    ("东城", "Dongcheng"),
    ("西城", "Xicheng"),
    ("南城", "Nancheng"),
    ("北城", "Beicheng"),
    ("新城", "Xincheng"),
    ("高新", "Gaoxin"),
    ("开发", "Kaifa"),
    ("滨江", "Binjiang"),
    ("城南", "Chengnan"),
    ("城北", "Chengbei"),
    ("江南", "Jiangnan"),
    ("江北", "Jiangbei"),
    ("河东", "Hedong"),
    ("河西", "Hexi"),
    ("港区", "Gangqu"),
    ("湖滨", "Hubin"),
)
