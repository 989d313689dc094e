/* bench-search.c: catalogue search latency on a 50,000-item catalogue, per query length. */
#define G_LOG_DOMAIN "yc-bench"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "yc-store.h"

#define N_ITEMS 50000
#define N_QUERIES 1000       /* per class; the brief asks for at least 500 */
#define MISS_EVERY 10        /* one query in ten finds nothing */
#define LIMIT 50             /* as the intake page asks */
#define WARM_UP 100
#define TARGET_LONG_P99_MS 5.0
#define TARGET_SHORT_P99_MS 20.0
#define SEED 20261130
#define PAUSE_US 2000        /* between queries; real keystrokes are 100-300 ms apart */

/* Vocabulary of real service item names (实施清单) of Chinese cities: what, what is done, in which
 * case. */
static const char *subjects[] = {
  "不动产", "国有建设用地使用权及房屋所有权", "抵押权", "地役权", "预购商品房", "户口", "居民身份证",
  "临时居民身份证", "居住证", "普通护照", "往来港澳通行证", "往来台湾通行证", "机动车", "机动车驾驶证",
  "营业执照", "有限责任公司", "股份有限公司", "个人独资企业", "合伙企业", "个体工商户", "农民专业合作社",
  "食品经营许可证", "食品生产许可证", "小餐饮", "药品零售企业", "医疗器械经营", "化妆品生产",
  "特种设备使用", "计量器具", "社会保障卡", "失业保险金", "职工基本养老保险", "城乡居民基本养老保险",
  "工伤保险", "生育津贴", "基本医疗保险关系", "异地就医", "门诊慢特病", "住房公积金", "公积金个人住房贷款",
  "结婚", "离婚", "收养", "最低生活保障", "特困人员救助供养", "临时救助", "高龄津贴", "残疾人两项补贴",
  "殡葬", "社会团体", "民办非企业单位", "基金会", "道路普通货物运输经营", "道路旅客运输经营",
  "巡游出租汽车驾驶员从业资格", "网络预约出租汽车运输证", "机动车维修经营", "教师资格", "义务教育入学",
  "民办学校办学", "校外培训机构", "医师执业", "护士执业", "医疗机构执业", "母婴保健技术服务",
  "公共场所卫生", "放射诊疗", "出生医学证明", "建设用地规划许可证", "建设工程规划许可证",
  "建筑工程施工许可证", "商品房预售", "房屋租赁", "物业服务", "城镇污水排入排水管网", "排污许可",
  "取水许可", "林木采伐", "动物防疫条件合格证", "兽药经营", "农药经营", "种子生产经营", "渔业捕捞",
  "烟草专卖零售", "出版物零售", "印刷经营", "娱乐场所", "互联网上网服务营业场所", "旅行社", "导游",
  "人力资源服务", "劳务派遣经营", "职业技能等级", "就业创业证", "发票", "增值税专用发票", "税务登记",
  "个人所得税", "法律援助", "公证", "律师执业", "司法鉴定", "退役军人", "优待证", "人民防空工程",
  "消防安全检查", "燃气经营", "供热", "占用挖掘城市道路", "户外广告设施", "城市绿地", "文物保护单位",
  "广播电视节目制作经营", "体育经营活动", "气象信息服务", "测绘资质", "地质灾害治理", "危险化学品经营",
  "烟花爆竹经营", "安全生产", "粮食收购", "药品", "学历证明", "无犯罪记录证明", "婚姻状况证明",
};

static const char *actions[] = {
  "登记", "首次登记", "转移登记", "变更登记", "注销登记", "更正登记", "预告登记", "查封登记",
  "设立登记", "许可证核发", "许可证延续", "许可证变更", "许可证补办", "许可证注销", "备案", "审批",
  "认定", "申领", "补领", "换领", "核准", "确认", "资料查询", "证明开具", "资格认定", "提取", "转移接续",
  "待遇核定", "补贴申领", "年度报告", "签发", "签注", "迁入", "迁出", "核发", "审核", "办理", "注册",
  "延续注册", "变更注册", "信息变更", "申请", "复核", "退费", "缴费", "挂失", "解挂", "验证",
};

static const char *qualifiers[] = {
  "", "", "", "", "", "", "（个人）", "（企业）", "（首次申请）", "（延续）", "（跨省迁移）", "（市内迁移）",
  "（新建商品房买卖）", "（存量房买卖）", "（继承、受遗赠）", "（网上办理）", "（告知承诺制）",
  "（港澳台居民）", "（外国人）", "（离休、退休）", "（租赁住房）", "（购买自住住房）",
};

static const char *districts[] = {
  "", "北城区", "南湖区", "东山区", "西河区", "高新技术产业开发区", "经济技术开发区", "临港区", "青山县",
  "白水县", "柳林镇", "长宁街道",
};

static const char *departments[] = {
  "公安局", "市场监督管理局", "不动产登记中心", "人力资源和社会保障局", "民政局", "住房公积金管理中心",
  "医疗保障局", "交通运输局", "教育局", "卫生健康委员会", "自然资源和规划局", "住房和城乡建设局",
  "生态环境局", "水务局", "农业农村局", "林业局", "文化和旅游局", "司法局", "退役军人事务局",
  "应急管理局", "城市管理局", "税务局", "行政审批服务局", "烟草专卖局", "体育局", "气象局", "粮食和物资储备局",
};

static const char *keywords[] = {
  "上户口", "迁户口", "落户", "换身份证", "补身份证", "开公司", "办执照", "个体户", "过户", "买房", "卖房",
  "房产证", "贷款", "抵押", "退休", "失业金", "社保卡", "医保", "异地看病", "结婚证", "离婚证", "低保",
  "开饭店", "卖药", "跑运输", "开出租", "当老师", "当医生", "生孩子", "出国", "去香港", "开发票", "报税",
  "打官司", "公证书", "无犯罪证明", "住房补贴", "租房提取", "装修", "盖房子", "办学", "培训班",
};

static const char *materials[] = {
  "居民身份证", "居民户口簿", "申请表", "营业执照", "授权委托书", "结婚证", "不动产权证书", "购房合同",
  "完税证明", "出生医学证明", "劳动合同", "户籍证明", "医学诊断证明", "承诺书", "场所使用证明", "章程",
};

/* Characters of no item (rare characters and scripts the catalogue does not use): misses. */
static const char *misses[] = {
  "鲸", "龘", "鑫", "Ж", "ζ", "乙醚", "鲸鱼", "火星", "龙虾", "Ωμ", "宇宙飞船", "量子计算机", "恐龙化石",
  "鲸鱼登记", "潜水艇许可", "北极熊认定",
};

/* Collects every distinct character, 2-character and 3-6-character substring of the vocabulary. */
static void
add_substrings (GHashTable *sets[3],
                const char *word)
{
  glong n = g_utf8_strlen (word, -1);

  for (glong start = 0; start < n; start++)
    for (glong len = 1; len <= 6 && start + len <= n; len++)
      {
        const char *from = g_utf8_offset_to_pointer (word, start);
        const char *to = g_utf8_offset_to_pointer (word, start + len);
        char *piece = g_strndup (from, to - from);
        guint set = len == 1 ? 0 : len == 2 ? 1 : 2;

        /* Full-width punctuation of the qualifiers is not a query anyone types. */
        if (strstr (piece, "（") || strstr (piece, "）") || strstr (piece, "、"))
          {
            g_free (piece);
            continue;
          }
        g_hash_table_add (sets[set], piece);
      }
}

static void
append_json_string (GString    *json,
                    const char *text)
{
  /* The vocabulary holds no quotes or backslashes. */
  g_string_append_c (json, '"');
  g_string_append (json, text);
  g_string_append_c (json, '"');
}

static GBytes *
generate_catalogue (GRand *rand)
{
  GString *json = g_string_sized_new (64 * 1024 * 1024);

  g_string_append (json,
                   "{\"version\": \"bench\", \"region\": \"北方市\", \"code_lists\": {\"item_type\": ["
                   "{\"code\": \"XK\", \"label\": \"行政许可\"},"
                   "{\"code\": \"QR\", \"label\": \"行政确认\"},"
                   "{\"code\": \"JF\", \"label\": \"行政给付\"},"
                   "{\"code\": \"GG\", \"label\": \"公共服务\"},"
                   "{\"code\": \"QT\", \"label\": \"其他行政权力\"}]}, \"items\": [");

  for (guint i = 0; i < N_ITEMS; i++)
    {
      static const char *types[] = { "XK", "QR", "JF", "GG", "QT" };
      const char *subject = subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))];
      const char *action = actions[g_rand_int_range (rand, 0, G_N_ELEMENTS (actions))];
      const char *qualifier = qualifiers[g_rand_int_range (rand, 0, G_N_ELEMENTS (qualifiers))];
      guint district = g_rand_int_range (rand, 0, G_N_ELEMENTS (districts));
      guint department = g_rand_int_range (rand, 0, G_N_ELEMENTS (departments));
      guint legal = g_rand_int_range (rand, 1, 61);
      guint n_keywords = g_rand_int_range (rand, 0, 4);
      guint n_materials = g_rand_int_range (rand, 1, 6);
      g_autofree char *name = g_strconcat (subject, action, qualifier, NULL);
      g_autofree char *dept = g_strconcat ("北方市", districts[district], departments[department],
                                           NULL);

      if (i > 0)
        g_string_append_c (json, ',');
      /* An implementation code: region, department, item type, sequence, as the national format
       * has them. */
      g_string_append_printf (json, "{\"code\": \"1137%02u%02u%s%06u%03u\", \"name\": ",
                              district, department, types[i % G_N_ELEMENTS (types)], i,
                              g_rand_int_range (rand, 0, 1000));
      append_json_string (json, name);
      g_string_append (json, ", \"department\": ");
      append_json_string (json, dept);
      g_string_append_printf (json,
                              ", \"item_type\": \"%s\", \"case_type\": \"%s\", \"legal_days\": %u, "
                              "\"promised_days\": %u, \"commitment_allowed\": %s, "
                              "\"legal_basis\": \"《中华人民共和国行政许可法》第%u条\", "
                              "\"fees\": \"不收费\", \"keywords\": [",
                              types[i % G_N_ELEMENTS (types)],
                              i % 3 == 0 ? "immediate" : "promised", legal,
                              i % 3 == 0 ? 0 : legal / 2, i % 4 == 0 ? "true" : "false",
                              g_rand_int_range (rand, 1, 84));
      for (guint k = 0; k < n_keywords; k++)
        {
          if (k > 0)
            g_string_append_c (json, ',');
          append_json_string (json, keywords[(i + k * 7) % G_N_ELEMENTS (keywords)]);
        }
      g_string_append (json, "], \"materials\": [");
      for (guint m = 0; m < n_materials; m++)
        g_string_append_printf (json,
                                "%s{\"code\": \"M%02u\", \"name\": \"%s\", \"originals\": 1, "
                                "\"copies\": %u, \"form\": \"paper\", \"required\": true, "
                                "\"tolerable\": %s, \"supplement_days\": %u}",
                                m > 0 ? "," : "", m + 1,
                                materials[(i + m * 5) % G_N_ELEMENTS (materials)], m % 2,
                                m > 1 ? "true" : "false", m > 1 ? 5 : 0);
      g_string_append (json, "]}");
    }
  g_string_append (json, "]}");

  return g_string_free_to_bytes (json);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

typedef struct {
  const char *label;
  GPtrArray  *queries;
  double      target_p99_ms;
} QueryClass;

/* Draws @n queries from @set, every MISS_EVERY-th a miss of the same length class. */
static GPtrArray *
draw_queries (GRand      *rand,
              GHashTable *set,
              guint       class_index)
{
  g_autofree gpointer *keys = NULL;
  guint n_keys;
  GPtrArray *queries = g_ptr_array_new ();
  g_autoptr(GPtrArray) class_misses = g_ptr_array_new ();

  keys = g_hash_table_get_keys_as_array (set, &n_keys);
  /* Hash order is not stable across runs: sort, so the seed alone decides the queries. */
  qsort (keys, n_keys, sizeof (gpointer), compare_strings);

  for (guint i = 0; i < G_N_ELEMENTS (misses); i++)
    {
      glong n = g_utf8_strlen (misses[i], -1);

      if ((class_index == 0 && n == 1) || (class_index == 1 && n == 2) ||
          (class_index == 2 && n >= 3))
        g_ptr_array_add (class_misses, (gpointer) misses[i]);
    }

  for (guint i = 0; i < N_QUERIES; i++)
    {
      if (i % MISS_EVERY == MISS_EVERY - 1)
        {
          guint miss = g_rand_int_range (rand, 0, class_misses->len);

          g_ptr_array_add (queries, g_ptr_array_index (class_misses, miss));
        }
      else
        g_ptr_array_add (queries, keys[g_rand_int_range (rand, 0, n_keys)]);
    }

  return queries;
}

static void
remove_database (const char *dir,
                 const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(YcCatalogue) catalogue = NULL;
  g_autoptr(YcStore) store = NULL;
  GHashTable *sets[3];
  QueryClass classes[3] = {
    { "1 character", NULL, TARGET_SHORT_P99_MS },
    { "2 characters", NULL, TARGET_SHORT_P99_MS },
    { "3+ characters", NULL, TARGET_LONG_P99_MS },
  };
  gint64 start;
  double generate_s, parse_s, import_s;
  gboolean all_pass = TRUE;
  g_autoptr(GString) slow_report = g_string_new (NULL);
  GStatBuf st;

  setlocale (LC_ALL, "");

  dir = g_dir_make_tmp ("yc-bench-search-XXXXXX", &error);
  if (dir == NULL)
    g_error ("Cannot make a temporary directory: %s", error->message);
  path = g_build_filename (dir, "bench.db", NULL);

  start = g_get_monotonic_time ();
  json = generate_catalogue (rand);
  generate_s = (g_get_monotonic_time () - start) / 1e6;

  start = g_get_monotonic_time ();
  catalogue = yc_catalogue_parse (json, &error);
  if (catalogue == NULL)
    g_error ("The generated catalogue does not parse: %s", error->message);
  parse_s = (g_get_monotonic_time () - start) / 1e6;

  store = yc_store_open (path, &error);
  if (store == NULL)
    g_error ("Cannot open %s: %s", path, error->message);

  /* The store's own import: one transaction, triggers filling the FTS and gram indexes. */
  start = g_get_monotonic_time ();
  if (!yc_store_import_catalogue (store, catalogue, &error))
    g_error ("Import failed: %s", error->message);
  import_s = (g_get_monotonic_time () - start) / 1e6;
  g_clear_pointer (&catalogue, yc_catalogue_free);

  if (yc_store_count_items (store, &error) != N_ITEMS)
    g_error ("Expected %d items after the import", N_ITEMS);

  {
    g_autofree char *loadavg = NULL;

    /* Other work on the machine shows in the figures: say how busy it was. */
    if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
      g_print ("Load average at start: %s", loadavg);
  }
  g_print ("Catalogue: %d items, JSON %.1f MB generated in %.2f s, parsed in %.2f s\n", N_ITEMS,
           g_bytes_get_size (json) / 1e6, generate_s, parse_s);
  g_print ("Import through yc_store_import_catalogue: %.2f s\n", import_s);
  if (g_stat (path, &st) == 0)
    g_print ("Database file: %.1f MB (before checkpoint)\n", st.st_size / 1e6);

  /* Queries drawn from the vocabulary the catalogue was made of. */
  for (guint i = 0; i < 3; i++)
    sets[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    add_substrings (sets, subjects[i]);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    add_substrings (sets, actions[i]);
  for (guint i = 0; i < G_N_ELEMENTS (qualifiers); i++)
    add_substrings (sets, qualifiers[i]);
  for (guint i = 0; i < G_N_ELEMENTS (departments); i++)
    add_substrings (sets, departments[i]);
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    add_substrings (sets, keywords[i]);
  for (guint i = 0; i < 3; i++)
    classes[i].queries = draw_queries (rand, sets[i], i);

  /* Warm the page cache as a clerk's first searches would. */
  for (guint i = 0; i < WARM_UP; i++)
    {
      const char *query = g_ptr_array_index (classes[i % 3].queries, i);
      g_autoptr(GPtrArray) hits = yc_store_search_items (store, query, LIMIT, NULL, &error);

      if (hits == NULL)
        g_error ("Search failed: %s", error->message);
    }

  g_print ("\n%-14s %8s %8s %8s %8s %8s %10s  %s\n", "query", "count", "p50 ms", "p90 ms", "p99 ms",
           "max ms", "mean hits", "target");
  for (guint c = 0; c < 3; c++)
    {
      QueryClass *qc = &classes[c];
      g_autofree double *times = g_new (double, qc->queries->len);
      guint64 total_hits = 0;
      double p50, p90, p99, max;
      gboolean pass;

      for (guint i = 0; i < qc->queries->len; i++)
        {
          const char *query = g_ptr_array_index (qc->queries, i);
          g_autoptr(GPtrArray) hits = NULL;

          /* A search runs per keystroke, with the clerk's typing between: pause as the UI thread
           * would between key presses (far shorter than typing, to keep the run short). */
          g_usleep (PAUSE_US);
          start = g_get_monotonic_time ();
          hits = yc_store_search_items (store, query, LIMIT, NULL, &error);
          times[i] = (g_get_monotonic_time () - start) / 1000.0;
          if (hits == NULL)
            g_error ("Search for “%s” failed: %s", query, error->message);
          total_hits += hits->len;
        }

      /* The slowest query, searched again: a repeatable cost, or a moment the CPU was elsewhere. */
      {
        guint slowest = 0;
        gint64 again;
        g_autoptr(GPtrArray) hits = NULL;

        for (guint i = 1; i < qc->queries->len; i++)
          if (times[i] > times[slowest])
            slowest = i;
        again = g_get_monotonic_time ();
        hits = yc_store_search_items (store, g_ptr_array_index (qc->queries, slowest), LIMIT, NULL,
                                      NULL);
        g_string_append_printf (slow_report, "  %s: slowest “%s” %.3f ms, again %.3f ms\n",
                                qc->label, (char *) g_ptr_array_index (qc->queries, slowest),
                                times[slowest],
                                (g_get_monotonic_time () - again) / 1000.0);
      }

      qsort (times, qc->queries->len, sizeof (double), compare_doubles);
      p50 = times[qc->queries->len / 2];
      p90 = times[(qc->queries->len * 90) / 100];
      p99 = times[(qc->queries->len * 99) / 100];
      max = times[qc->queries->len - 1];
      pass = p99 <= qc->target_p99_ms;
      all_pass &= pass;

      g_print ("%-14s %8u %8.3f %8.3f %8.3f %8.3f %10.1f  p99 <= %.0f ms %s\n", qc->label,
               qc->queries->len, p50, p90, p99, max, (double) total_hits / qc->queries->len,
               qc->target_p99_ms, pass ? "PASS" : "FAIL");
      g_ptr_array_unref (qc->queries);
    }

  g_print ("%s", slow_report->str);
  g_print ("\nOverall: %s\n", all_pass ? "PASS" : "FAIL");

  for (guint i = 0; i < 3; i++)
    g_hash_table_unref (sets[i]);
  g_clear_object (&store);
  /* YC_BENCH_KEEP_DB=1 keeps the database for a look with sqlite3. */
  if (g_getenv ("YC_BENCH_KEEP_DB") != NULL)
    g_print ("Kept %s\n", path);
  else
    remove_database (dir, path);

  /* Slow is reported, not an error: only failures to run exit non-zero. */
  return EXIT_SUCCESS;
}
