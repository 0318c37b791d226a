"""A seeded HR database, the planner benchmark's second domain (the first is the retail demo).

`build_hr(con, seed=1)` (re)creates five tables in `con`'s main schema, all with set-based SQL
over `range()`; every "random" value is a hash of (row key, column salt, seed), so one seed
always gives the same tables (for a given DuckDB version) and another seed gives other ones.

- departments (12): department_id, department_name, location, budget. "Research" is new: no
  location yet (NULL) and no employees; "Legal" runs no projects.
- employees (600): one CEO (employee 1, Operations, no manager), a head per department reporting
  to the CEO, team leads reporting to their head, everyone else reporting to a lead of their
  department. ~15% have left (termination_date set), ~2% have no email.
- compensation (~2,700): one row per employee per year of service (effective_date on each hire
  anniversary up to mid 2025 or termination); the latest base_salary equals employees.salary;
  bonus NULL when none was paid.
- projects (60): department, start/end dates and status; active and on-hold projects have no
  end_date; completed and cancelled ones do.
- assignments (~1,100): who works on which project (one lead each), role and hours (NULL when
  not yet logged). Many employees are on no project.

Primary keys and the foreign keys to departments, employees and projects are declared
(employees.manager_id -> employees is a relationship too, not declared).
"""

from __future__ import annotations

import zlib

import duckdb

HR_TABLES: tuple[str, ...] = (
    "departments",
    "employees",
    "compensation",
    "projects",
    "assignments",
)
N_EMPLOYEES = 600
N_PROJECTS = 60
# The last day anything happens in the data set.
AS_OF = "2025-06-30"

# name, location, budget in thousands, share of employees, IC titles, lead title, salary base
_DEPARTMENTS: list[tuple[str, str | None, int, float, list[str], str, int]] = [
    ("Engineering", "San Francisco", 9500, 0.25,
     ["Software Engineer", "Senior Software Engineer", "QA Engineer"], "Engineering Manager",
     125_000),
    ("Sales", "New York", 6200, 0.15, ["Account Executive", "Sales Development Rep"],
     "Sales Manager", 78_000),
    ("Marketing", "New York", 3100, 0.08, ["Marketing Specialist", "Content Writer"],
     "Marketing Manager", 72_000),
    ("Finance", "London", 2400, 0.06, ["Financial Analyst", "Accountant"], "Finance Manager",
     88_000),
    ("Human Resources", "London", 1500, 0.04, ["HR Generalist", "Recruiter"], "HR Manager",
     66_000),
    ("Operations", "Chicago", 2800, 0.08, ["Operations Analyst", "Office Coordinator"],
     "Operations Manager", 64_000),
    ("Customer Support", "Austin", 2100, 0.12, ["Support Specialist", "Support Engineer"],
     "Support Manager", 52_000),
    ("Legal", "London", 1700, 0.03, ["Counsel", "Paralegal"], "Legal Manager", 110_000),
    ("Product", "San Francisco", 3300, 0.07, ["Product Manager", "Product Designer"],
     "Group Product Manager", 118_000),
    ("Data Science", "Berlin", 2900, 0.07, ["Data Scientist", "Data Analyst"],
     "Data Science Manager", 115_000),
    ("IT", "Chicago", 1900, 0.05, ["Systems Administrator", "IT Support Technician"],
     "IT Manager", 76_000),
    ("Research", None, 1200, 0.0, ["Research Scientist"], "Research Manager", 120_000),
]  # fmt: skip
_CEO_DEPARTMENT = 6  # Operations
_NO_PROJECTS = (8, 12)  # Legal, Research
_FIRST = ["Alice", "Bruno", "Carmen", "Daniel", "Eva", "Felix", "Greta", "Hassan", "Irene"]
_FIRST += ["Jamal", "Keiko", "Lucas", "Marta", "Nikhil", "Oscar", "Paula", "Rahul", "Sofia"]
_FIRST += ["Tomas", "Uma", "Victor", "Wen", "Ximena", "Yara", "Zoe"]
_LAST = ["Anderson", "Bauer", "Castillo", "Dimitrov", "Eriksen", "Fischer", "Gomez", "Hughes"]
_LAST += ["Ivanova", "Johansson", "Khan", "Lopez", "Morgan", "Nakamura", "O'Brien", "Petrov"]
_LAST += ["Quinn", "Reyes", "Schmidt", "Thompson", "Usman", "Varga", "Walsh", "Zhang"]
_CODENAMES = ["Atlas", "Beacon", "Cobalt", "Delta", "Ember", "Falcon", "Granite", "Harbor"]
_CODENAMES += ["Iris", "Juniper", "Keystone", "Lumen", "Meridian", "Nimbus", "Orion", "Pioneer"]
_CODENAMES += ["Quartz", "Redwood", "Summit", "Titan"]
_SUFFIXES = ["Migration", "Platform", "Redesign", "Rollout", "Automation", "Insights"]
_PROJECT_STATUSES = [("completed", 0.45), ("active", 0.30), ("on_hold", 0.10)]
_PROJECT_STATUSES += [("cancelled", 0.15)]
_ROLES = [("developer", 0.5), ("analyst", 0.25), ("reviewer", 0.15), ("designer", 0.10)]
_EMPLOYMENT = [("full_time", 0.85), ("contractor", 0.08), ("part_time", 0.07)]

_DDL = {
    "departments": """department_id INTEGER PRIMARY KEY, department_name VARCHAR NOT NULL,
        location VARCHAR, budget DECIMAL(14,2)""",
    "employees": """employee_id INTEGER PRIMARY KEY, first_name VARCHAR, last_name VARCHAR,
        email VARCHAR, department_id INTEGER REFERENCES departments (department_id),
        manager_id INTEGER, job_title VARCHAR, employment_type VARCHAR, hire_date DATE,
        salary DECIMAL(10,2), is_remote BOOLEAN, termination_date DATE""",
    "compensation": """employee_id INTEGER REFERENCES employees (employee_id),
        effective_date DATE, base_salary DECIMAL(10,2), bonus DECIMAL(10,2),
        PRIMARY KEY (employee_id, effective_date)""",
    "projects": """project_id INTEGER PRIMARY KEY, project_name VARCHAR,
        department_id INTEGER REFERENCES departments (department_id), start_date DATE,
        end_date DATE, status VARCHAR""",
    "assignments": """employee_id INTEGER REFERENCES employees (employee_id),
        project_id INTEGER REFERENCES projects (project_id), role VARCHAR, hours INTEGER,
        PRIMARY KEY (employee_id, project_id)""",
}


def _lit(values: list[str]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


class _Rand:
    def __init__(self, seed: int) -> None:
        self.seed = seed

    def h(self, key: str, salt: str) -> str:
        return f"hash(hash({key}, {zlib.crc32(salt.encode())}, {self.seed}))"

    def u(self, key: str, salt: str) -> str:
        """Uniform DOUBLE in [0, 1)."""
        return f"({self.h(key, salt)} / 18446744073709551616.0)"

    def pick(self, key: str, salt: str, n: int) -> str:
        """Uniform INTEGER in [1, n]."""
        return f"(1 + {self.h(key, salt)} % {n})::INTEGER"


def _weighted(u: str, choices: list[tuple[str, float]]) -> str:
    whens, edge = [], 0.0
    for value, share in choices[:-1]:
        edge += share
        whens.append(f"WHEN {u} < {edge:.4f} THEN {value}")
    return f"CASE {' '.join(whens)} ELSE {choices[-1][0]} END"


def _quoted(choices: list[tuple[str, float]]) -> list[tuple[str, float]]:
    return [(f"'{value}'", share) for value, share in choices]


def _departments_sql(r: _Rand) -> str:
    rows = ", ".join(
        f"({i}, '{name}', {'NULL' if loc is None else repr(loc)}, {budget})"
        for i, (name, loc, budget, *_rest) in enumerate(_DEPARTMENTS, start=1)
    )
    return f"""
        SELECT id, name, location,
            -- Budgets vary +-20% by seed, rounded to thousands.
            (round(budget * (0.8 + 0.4 * {r.u("id", "budget")})) * 1000)::DECIMAL(14,2)
        FROM (VALUES {rows}) AS d(id, name, location, budget) ORDER BY id"""


def _stage_employees_sql(r: _Rand) -> str:
    staffed = [(str(i), d[3]) for i, d in enumerate(_DEPARTMENTS, start=1) if d[3] > 0]
    return f"""
        WITH e AS (
            SELECT range::INTEGER AS employee_id, {r.u("range", "dept")} AS u_dept
            FROM range(1, {N_EMPLOYEES} + 1)
        ), d AS (
            SELECT employee_id,
                CASE WHEN employee_id = 1 THEN {_CEO_DEPARTMENT}
                     ELSE {_weighted("u_dept", staffed)} END AS department_id
            FROM e
        )
        SELECT employee_id, department_id,
            CASE WHEN employee_id = 1 THEN 0 ELSE row_number() OVER (
                PARTITION BY department_id, employee_id = 1 ORDER BY employee_id) END AS dept_rank,
            count(*) OVER (PARTITION BY department_id) AS dept_size
        FROM d"""


def _employees_sql(r: _Rand) -> str:
    ic_titles = "[" + ", ".join(_lit(d[4]) for d in _DEPARTMENTS) + "]"
    lead_titles = _lit([d[5] for d in _DEPARTMENTS])
    heads = _lit(["Head of " + d[0] for d in _DEPARTMENTS])
    bases = "[" + ", ".join(str(d[6]) for d in _DEPARTMENTS) + "]"
    k = "s.employee_id"
    return f"""
        WITH s AS (
            SELECT *,
                CASE WHEN employee_id = 1 THEN 'ceo' WHEN dept_rank = 1 THEN 'head'
                     WHEN dept_rank <= 1 + ceil((dept_size - 1) / 9) THEN 'lead'
                     ELSE 'ic' END AS level
            FROM _hr_stage_employees
        ), leads AS (
            SELECT department_id, list(employee_id ORDER BY employee_id) AS ids
            FROM s WHERE level = 'lead' GROUP BY department_id
        ), heads AS (
            SELECT department_id, employee_id AS head_id FROM s WHERE level = 'head'
        ), x AS (
            SELECT s.*, heads.head_id, leads.ids AS lead_ids,
                {_lit(_FIRST)}[{r.pick(k, "first", len(_FIRST))}] AS first_name,
                {_lit(_LAST)}[{r.pick(k, "last", len(_LAST))}] AS last_name,
                {r.u(k, "hire")} AS u_hire, {r.u(k, "term")} AS u_term,
                {r.u(k, "term_day")} AS u_term_day, {r.u(k, "salary")} AS u_salary,
                {r.u(k, "remote")} AS u_remote, {r.u(k, "employment")} AS u_employment,
                {r.h(k, "title")} AS h_title, {r.h(k, "manager")} AS h_manager,
                {r.u(k, "email")} AS u_email
            FROM s LEFT JOIN heads USING (department_id) LEFT JOIN leads USING (department_id)
        ), y AS (
            SELECT *,
                CASE level
                    WHEN 'ceo' THEN DATE '2012-01-09'
                    WHEN 'head' THEN DATE '2012-02-01' + floor(u_hire * 1400)::INTEGER
                    WHEN 'lead' THEN DATE '2012-06-01' + floor(u_hire * 3000)::INTEGER
                    -- Hiring grows over time: more recent hire dates are more likely.
                    ELSE DATE '2012-01-02' + floor(sqrt(u_hire) * 4928)::INTEGER
                END AS hire_date
            FROM x
        )
        SELECT employee_id, first_name, last_name,
            CASE WHEN u_email < 0.02 THEN NULL
                 ELSE lower(replace(first_name || '.' || last_name, '''', ''))
                     || employee_id || '@northwind.io' END AS email,
            department_id,
            CASE level WHEN 'ceo' THEN NULL WHEN 'head' THEN 1 WHEN 'lead' THEN head_id
                 ELSE coalesce(lead_ids[(1 + h_manager % len(lead_ids))::INTEGER], head_id) END
                AS manager_id,
            CASE level WHEN 'ceo' THEN 'Chief Executive Officer'
                 WHEN 'head' THEN {heads}[department_id]
                 WHEN 'lead' THEN {lead_titles}[department_id]
                 ELSE {ic_titles}[department_id][(1 + h_title
                     % len({ic_titles}[department_id]))::INTEGER] END AS job_title,
            CASE WHEN level = 'ic' THEN {_weighted("u_employment", _quoted(_EMPLOYMENT))}
                 ELSE 'full_time' END AS employment_type,
            hire_date,
            (round({bases}[department_id]
                * CASE level WHEN 'ceo' THEN 3.2 WHEN 'head' THEN 1.9 WHEN 'lead' THEN 1.35
                             ELSE 1.0 END
                * (0.75 + 0.5 * u_salary), -2))::DECIMAL(10,2) AS salary,
            level = 'ic' AND u_remote < 0.3 AS is_remote,
            CASE WHEN level = 'ic' AND u_term < 0.16
                      AND DATE '{AS_OF}' - hire_date > 90
                 THEN hire_date + 60 + floor(u_term_day * (DATE '{AS_OF}' - hire_date - 60))
                     ::INTEGER END AS termination_date
        FROM y ORDER BY employee_id"""


def _compensation_sql(r: _Rand) -> str:
    k = "e.employee_id, y.range"
    return f"""
        WITH y AS (
            SELECT e.employee_id, e.salary, y.range::INTEGER AS year_no,
                (e.hire_date + to_years(y.range::INTEGER))::DATE AS effective_date,
                max(y.range) OVER (PARTITION BY e.employee_id) AS last_year,
                {r.u(k, "bonus")} AS u_bonus, {r.u("e.employee_id", "raise")} AS u_raise
            FROM employees AS e, range(0, 15) AS y
            WHERE e.hire_date + to_years(y.range::INTEGER)
                <= coalesce(e.termination_date, DATE '{AS_OF}')
        )
        SELECT employee_id, effective_date,
            -- Earlier years paid less: 2-6% per year back from today's salary.
            (round(salary / pow(1.02 + 0.04 * u_raise, last_year - year_no), -2))::DECIMAL(10,2),
            CASE WHEN u_bonus < 0.35 THEN NULL
                 ELSE (round(salary * 0.15 * u_bonus / pow(1.04, last_year - year_no), -1))
                     ::DECIMAL(10,2) END
        FROM y ORDER BY employee_id, effective_date"""


def _projects_sql(r: _Rand) -> str:
    staffed = [
        (str(i), d[3])
        for i, d in enumerate(_DEPARTMENTS, start=1)
        if d[3] > 0 and i not in _NO_PROJECTS
    ]
    total = sum(share for _, share in staffed)
    staffed = [(value, share / total) for value, share in staffed]
    k = "range"
    return f"""
        WITH p AS (
            SELECT range::INTEGER AS project_id, {r.u(k, "pdept")} AS u_dept,
                {r.u(k, "start")} AS u_start, {r.u(k, "pstatus")} AS u_status,
                {r.u(k, "length")} AS u_length
            FROM range(1, {N_PROJECTS} + 1)
        ), q AS (
            SELECT *, DATE '2019-01-07' + floor(u_start * 2300)::INTEGER AS start_date,
                {_weighted("u_status", _quoted(_PROJECT_STATUSES))} AS status
            FROM p
        )
        SELECT project_id,
            -- Names are unique: the three projects sharing a codename get distinct suffixes.
            {_lit(_CODENAMES)}[1 + (project_id - 1) % 20] || ' '
                || {_lit(_SUFFIXES)}[1 + ((project_id - 1) // 20 * 2 + (project_id - 1) % 2)]
                AS project_name,
            {_weighted("u_dept", staffed)} AS department_id,
            start_date,
            CASE WHEN status = 'completed'
                 THEN least(start_date + 60 + floor(u_length * 540)::INTEGER, DATE '{AS_OF}')
                 WHEN status = 'cancelled'
                 THEN least(start_date + 30 + floor(u_length * 270)::INTEGER, DATE '{AS_OF}')
            END AS end_date,
            status
        FROM q ORDER BY project_id"""


def _assignments_sql(r: _Rand) -> str:
    k = "p.project_id, e.employee_id"
    return f"""
        WITH c AS (
            SELECT p.project_id, e.employee_id, p.status,
                -- Staffed mostly from the project's own department.
                {r.u(k, "pick")} - CASE WHEN e.department_id = p.department_id THEN 0.7 ELSE 0
                    END AS score,
                6 + {r.h("p.project_id", "size")} % 25 AS team_size,
                {r.u(k, "role")} AS u_role, {r.u(k, "hours")} AS u_hours
            FROM projects AS p, employees AS e
            WHERE e.hire_date <= coalesce(p.end_date, DATE '{AS_OF}')
              AND coalesce(e.termination_date, DATE '{AS_OF}') >= p.start_date
              AND e.manager_id IS NOT NULL
        ), ranked AS (
            SELECT *, row_number() OVER (PARTITION BY project_id ORDER BY score, employee_id)
                AS pos
            FROM c
        )
        SELECT employee_id, project_id,
            CASE WHEN pos = 1 THEN 'lead' ELSE {_weighted("u_role", _quoted(_ROLES))} END,
            CASE WHEN status IN ('active', 'on_hold') AND u_hours < 0.08 THEN NULL
                 ELSE 8 + floor(pow(u_hours, 2) * 640)::INTEGER END
        FROM ranked WHERE pos <= team_size ORDER BY project_id, employee_id"""


def build_hr(con: duckdb.DuckDBPyConnection, seed: int = 1) -> None:
    """Create (replace) the HR tables in `con`'s main schema, deterministically for `seed`."""
    if isinstance(seed, bool) or not isinstance(seed, int):  # it is spliced into the SQL
        raise TypeError(f"seed must be an integer, not {seed!r}")
    r = _Rand(seed)
    for table in reversed(HR_TABLES):  # children first: the foreign keys are declared
        con.execute(f"DROP TABLE IF EXISTS main.{table}")
    for table in HR_TABLES:
        con.execute(f"CREATE TABLE main.{table} ({_DDL[table]})")
    con.execute(f"INSERT INTO main.departments {_departments_sql(r)}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE _hr_stage_employees AS {_stage_employees_sql(r)}")
    con.execute(f"INSERT INTO main.employees {_employees_sql(r)}")
    con.execute("DROP TABLE _hr_stage_employees")
    con.execute(f"INSERT INTO main.compensation {_compensation_sql(r)}")
    con.execute(f"INSERT INTO main.projects {_projects_sql(r)}")
    con.execute(f"INSERT INTO main.assignments {_assignments_sql(r)}")
