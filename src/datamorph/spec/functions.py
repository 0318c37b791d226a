"""The functions a spec expression or a read-only query may call: an allow-list, not a deny-list.

A spec describes a data transformation, so its expressions (and every query sent to the
read-only paths) may compute with values: arithmetic, text, dates, conditions, aggregates,
windows. They may not ask the engine about itself or the world around it (`current_setting`,
`getvariable`, `getenv`, `version`, the `duckdb_*` and `pragma_*` listings), read anything
(`read_text`, `glob`, `query`), change state (`nextval`, `setseed`, `checkpoint`), sleep, or
make values without bound from nothing (`range`, `generate_series`, `repeat`): a name that is
not listed here is refused, whoever wrote the expression (a person, the planner, an LLM), so a
function added by a new engine release is refused until someone decides it is harmless.

Names are DuckDB's. A function sqlglot knows is named by how it renders in DuckDB
(`strptime`, not sqlglot's `StrToTime`); special forms without parentheses (CASE) by their
node.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sqlglot import exp

_TEXT = """
    ascii bit_length char_length character_length chr concat concat_ws contains ends_with
    format instr lcase left length len lower lpad ltrim md5 octet_length ord position
    prefix printf regexp_extract regexp_extract_all regexp_full_match regexp_matches
    regexp_replace regexp_split_to_array replace reverse right rpad rtrim sha1 sha256 split
    split_part starts_with str_split string_split string_to_array strip_accents strlen strpos
    substr substring suffix to_base64 from_base64 translate trim ucase unicode upper hash
    levenshtein damerau_levenshtein hamming jaccard jaro_similarity jaro_winkler_similarity
    mismatches editdist3 nfc_normalize url_decode url_encode to_hex hex unhex bin like_escape
    ilike_escape not_like_escape not_ilike_escape regexp_escape
"""
_NUMBERS = """
    abs acos acosh asin asinh atan atan2 atanh cbrt ceil ceiling cos cosh cot degrees divide
    even exp factorial floor fmod gamma gcd greatest_common_divisor isfinite isinf isnan lcm
    least_common_multiple lgamma ln log log10 log2 mod multiply nextafter pi pow power radians
    round round_even roundbankers sign signbit sin sinh sqrt subtract tan tanh trunc add xor
    random uuid gen_random_uuid uuidv4 uuidv7 bit_count
"""
_DATES = """
    age century date_add dateadd date_diff date_part date_sub date_trunc datediff datepart datesub
    datetrunc day dayname dayofmonth dayofweek dayofyear days_in_month decade epoch epoch_ms
    epoch_ns epoch_us era extract hour isodow isoyear julian last_day make_date make_time
    make_timestamp make_timestamp_ms make_timestamp_ns make_timestamptz microsecond millennium
    millisecond minute month monthname nanosecond quarter second strftime strptime time_bucket
    timezone timezone_hour timezone_minute to_centuries to_days to_decades to_hours
    to_microseconds to_millennia to_milliseconds to_minutes to_months to_quarters to_seconds
    to_timestamp to_weeks to_years try_strptime week weekday weekofyear year yearweek
    current_date current_time current_timestamp current_localtime current_localtimestamp
    get_current_time get_current_timestamp now today transaction_timestamp interval
    currentdate currenttime currenttimestamp
"""
_AGGREGATES = """
    any_value approx_count_distinct approx_quantile arbitrary arg_max arg_min argmax argmin
    array_agg avg bit_and bit_or bit_xor bool_and bool_or corr count count_if countif covar_pop
    covar_samp entropy favg first fsum geomean geometric_mean group_concat histogram kahan_sum
    kurtosis kurtosis_pop last list listagg mad max max_by mean median min min_by mode product
    quantile quantile_cont quantile_disc regr_avgx regr_avgy regr_count regr_intercept regr_r2
    regr_slope regr_sxx regr_sxy regr_syy sem skewness stddev stddev_pop stddev_samp string_agg
    sum sumkahan var_pop var_samp variance weighted_avg wavg percentile_cont percentile_disc
"""
_WINDOWS = """
    row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value last_value
    nth_value
"""
_CONDITIONS = """
    case if iff coalesce nullif exists greatest least ifnull nvl cast try_cast typeof isnull
"""
# Reading values out of nested ones: never making large ones (list_resize, range, repeat).
_NESTED = """
    array_contains array_extract array_has array_length array_position array_to_string
    cardinality element_at json_array_length json_contains json_exists json_extract
    json_extract_path json_extract_path_text json_extract_string json_keys json_type
    json_valid json_value list_contains list_element list_extract list_has list_position
    map_extract map_keys map_values struct_extract array_value list_value struct_pack
    unnest array_sort list_sort array_distinct list_distinct array_slice list_slice
    array struct jsonextract jsonextractscalar list_transform list_filter array_transform
    array_filter apply filter
"""
ALLOWED = frozenset(
    name
    for block in (_TEXT, _NUMBERS, _DATES, _AGGREGATES, _WINDOWS, _CONDITIONS, _NESTED)
    for name in block.split()
)

_CALL = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(")
# How a kind of node renders depends on its class and which arguments it has, not their values
_NAMES: dict[tuple[type, tuple[str, ...], str], str] = {}
_OPERATORS = (exp.Binary, exp.Connector, exp.Unary, exp.Predicate)


def function_name(node: exp.Func, dialect: str = "duckdb") -> str:
    """The name a function goes by in `dialect` (lower case); an operator that sqlglot models
    as a function (AND, ||, ->) is named by its node, prefixed 'operator:'."""
    if isinstance(node, exp.Anonymous):
        return node.name.lower()
    shape = (type(node), tuple(sorted(k for k, v in node.args.items() if v)), dialect)
    if shape not in _NAMES:
        _NAMES[shape] = _rendered_name(node, dialect)
    return _NAMES[shape]


def _rendered_name(node: exp.Func, dialect: str) -> str:
    head = node.copy()
    for child in list(head.iter_expressions()):
        child.replace(exp.Null())  # render the call alone, not its (maybe long) arguments
    match = _CALL.match(head.sql(dialect=dialect))
    if match:
        return match.group(1).lower()
    if isinstance(node, _OPERATORS):
        return f"operator:{node.key}"
    return node.key


def forbidden_functions(tree: exp.Expr, dialect: str = "duckdb") -> Iterator[str]:
    """Each function `tree` calls that is not a data transformation, in order of appearance."""
    for node in tree.find_all(exp.Func):
        name = function_name(node, dialect)
        if name not in ALLOWED and not name.startswith("operator:"):
            yield name
