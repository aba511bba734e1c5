#pragma once
// One station's day, as the named steps of odd.md "Process overview". Morning steps run for every station
// in parallel, then the general stations lend staff (simulation.cpp), then the service steps run for
// every station in parallel. A station writes only its own elders, volunteers and result cells, so the
// order in which stations run does not matter. The rules each step applies live in health/, people/ and
// services/; this file only strings them together and counts.
#include <cstdint>
#include <vector>

#include "swsim/config/config.hpp"
#include "swsim/health/episodes.hpp"
#include "swsim/services/lunch.hpp"
#include "swsim/services/schedule.hpp"
#include "swsim/services/tasks.hpp"
#include "swsim/simulation/day_context.hpp"
#include "swsim/simulation/sim_state.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

class StationDay {
 public:
  StationDay(const Config& config, const World& world, int station);

  // Morning: health moves on, heat exposure and lunch requests, who is on duty.
  void begin(const DayContext& day, SimState& state);
  double load() const { return load_; }  // meals per lunch courier, for lending
  void lend(int staff) { lent_ += staff; }
  // The working day: lunch, tasks, detection, and the day's accounts.
  void serve(const DayContext& day, SimState& state);

 private:
  struct VolunteerToday {
    std::uint32_t index;
    bool afternoon;
  };
  // Counts of the day, written to the results by record().
  struct Tally {
    int escorts_due = 0, escorts_done = 0, medicine_due = 0, medicine_done = 0, visits_due = 0, visits_done = 0;
    int calls = 0, checkin_visits = 0, child_due = 0, child_done = 0, activities = 0, attendance = 0, shidu = 0;
    int urgent = 0, urgent_served = 0, urgent_preempting = 0;
    double urgent_response_min = 0;
    int medicine_overdue = 0, visits_overdue = 0;
    double loneliness_sum = 0, loneliness_shidu_sum = 0, sw_hours = 0, overtime = 0, helper_km = 0;
    int dropouts = 0, volunteers_active = 0;
    LunchTotals lunch;  // all deliveries: meal points' and the station's
    int on_site = 0, switched = 0, by_point = 0, by_staff = 0, by_volunteer = 0, gap = 0, within30 = 0;
  };

  struct DueVisit {  // a due routine visit: its deadline (day), register entry and elder
    int deadline;
    std::uint32_t ref, elder;
  };
  struct TaskKey {  // what task_before compares, and the task's place in the list
    TaskKind kind;
    double deadline;
    std::uint32_t ref, index;
  };

  // Morning steps.
  void recover(SimState& state);
  void expose_to_heat(const DayContext& day, SimState& state);
  void draw_heat_illness(const DayContext& day, SimState& state);
  void consider_heat_candidate(std::uint32_t i, double p_max, const DayContext& day, SimState& state);
  void plan_lunch_round(const DayContext& day);
  void turn_out_volunteers(const DayContext& day, SimState& state);
  // Service steps.
  void start_helpers(const DayContext& day);
  void plan_tasks(const DayContext& day, SimState& state);
  void plan_appointments(const DayContext& day);
  void plan_caseload_tasks(const DayContext& day, SimState& state);
  void plan_children_tasks(const DayContext& day);
  void dispatch(const TaskItem& t, const DayContext& day, SimState& state);
  void sort_tasks();
  void queue_due_visits(const DayContext& day, const SimState& state);
  bool next_due_visit(const DayContext& day, std::array<std::size_t, 3>& at, DueVisit& out) const;
  void close_visit_queues(const DayContext& day);
  void remember_visit_due(std::uint32_t c, int day);
  bool is_away(std::uint32_t elder) const;
  void set_away(std::uint32_t elder, bool now_away);
  TaskItem routine_visit(const DueVisit& v) const;
  bool someone_has_field_time(double min) const;
  double field_time_left() const;  // the helpers' task minutes left today
  void run_group_activity(const DayContext& day);
  void book_planned_work(const DayContext& day, SimState& state);
  void deliver_lunch(const DayContext& day);
  void deliver_from_meal_points(const DayContext& day);
  void count_station_couriers(int staff);
  void gather_station_couriers(const DayContext& day, int staff);
  void group_station_stops();
  void group_point_stops();
  void add_delivered_stop(std::uint32_t k);
  void deliver_station_meals(const DayContext& day);
  void note_lunch_contacts();
  void do_checkins_and_routine_work(const DayContext& day, SimState& state);
  void prevent_illness(const DayContext& day, SimState& state);
  void count_new_episodes(const DayContext& day, SimState& state);
  void detect_illness(const DayContext& day, SimState& state, bool final_pass);
  void resolve_episode(SickRecord& rec, Settle s, const Found& f, const DayContext& day, SimState& state);
  void request_urgent_escort(std::uint32_t elder, double found_min);
  void note_prevention(const DayContext& day, SimState& state);
  void count_overdue(const DayContext& day, SimState& state);
  void update_loneliness(SimState& state);
  void account_hours(const DayContext& day);
  void volunteers_rest_or_drop_out(const DayContext& day, SimState& state);
  void record(const DayContext& day, SimState& state);

  double& metric(SimState& state, Metric m, int day) const { return state.results.at(m, day, station_); }
  std::int64_t caseload_index(std::uint32_t elder) const;

  const Config& config_;
  const World& world_;
  const int station_;
  const Station& st_;
  float heat_weight_max_ = 0;  // the station's highest heat weight (candidate rate of the illness draw)
  double protected_excess_ = 0;  // sum of the mortality factors of today's protected registered elders
  // The day's state, reused from day to day so a day allocates nothing once warmed up.
  std::vector<MealStop> enrolled_stop_;          // per enrolled elder of the station (fixed for the run)
  std::vector<std::uint32_t> enrolled_point_;    // per enrolled elder: the meal point enrolled at
  std::vector<MealStop> stops_;  // the station's own round (its deliveries, then the meal points' gaps)
  std::vector<MealStop> point_stops_;               // the meal points' deliveries, grouped by point
  std::vector<std::uint32_t> point_stop_begin_;     // per point of the station, and one past the last
  std::vector<MealOutcome> point_outcomes_;
  std::vector<double> point_handover_;
  std::vector<std::int16_t> courier_of_;            // station stops: which courier handed over (-1 missed)
  std::vector<std::uint32_t> stop_point_;           // station stops: the meal point the meal is taken from
  std::vector<std::pair<std::uint32_t, MealStop>> stop_sort_, point_sort_;
  std::vector<int> booked_;  // deliveries booked per meal point of the station today
  struct CourierState {
    double free_at, x_km, y_km, left_at;  // free from, where, when it first left the station (-1 not yet)
  };
  std::vector<CourierState> courier_state_;
  std::vector<Courier> point_couriers_;
  int workers_on_duty_ = 0, lent_ = 0, lunch_couriers_ = 0;
  double load_ = 0;
  std::vector<VolunteerToday> volunteers_today_;
  std::vector<Helper> helpers_;
  std::vector<TaskItem> tasks_;
  std::vector<TaskKey> task_order_;
  std::array<std::vector<DueVisit>, 3> due_visits_;  // by tier: due routine visits in task_before's order
  bool visit_queues_ready_ = false;
  std::vector<DueVisit> visited_;  // today's routine visits done (their queue entries), removed at day's end
  std::vector<std::uint32_t> away_;  // the station's elders in hospital or dead, sorted (is_away)
  bool away_ready_ = false;
  std::vector<std::vector<std::uint32_t>> visit_calendar_;  // by day: entries whose next visit falls due then
  std::vector<std::uint32_t> chronic_entries_, high_risk_entries_;  // register entries (fixed for the run)
  int shidu_on_register_ = 0;  // register entries of elders who lost their only child (fixed for the run)
  std::vector<std::int16_t> entry_of_elder_;  // per elder of the station: register offset, -1 none (caseload_index)
  // The station's enrolled elders delivered to (by a meal point or the station: their World::lunch_enrolled
  // indices, ascending), and the diners' elder indices (sorted): on a day without a warning no diner books a
  // delivery, so the lunch round needs the delivered ones only and the diners' count.
  std::vector<std::uint32_t> delivered_entries_, diner_elders_;
  std::vector<TaskItem> sorted_tasks_;
  std::vector<std::uint8_t> done_early_;  // tasks dispatched before lunch
  std::vector<Contact> contacts_;
  std::vector<std::uint8_t> caseload_contacts_;  // contact bits per registered elder of the station
  std::vector<std::uint32_t> called_or_visited_;  // register entries given a call or a visit today (repeats)
  std::vector<MealOutcome> outcomes_;
  std::vector<double> handover_;
  std::vector<Courier> couriers_;
  std::vector<int> courier_helper_;  // courier -> helper index
  LunchScratch lunch_scratch_;
  // Per meal point of the station: the plans of its own round and of the station's meals taken from it,
  // kept from day to day (dispatch_lunch reuses a plan while its stops and couriers do not change).
  std::vector<LunchPlan> point_plans_, station_plans_;
  Tally tally_;
};

}  // namespace swsim
