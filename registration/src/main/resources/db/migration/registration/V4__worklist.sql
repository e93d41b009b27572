-- The modality worklist (X1) reads bookings by the scheduled step's start date. Asked with a station
-- AE title or a modality, it names the devices and walks reg_bookings_day (device_code, work_day,
-- slot); a modality that asks by date alone (some send no station AE) would scan every booking
-- without this index.
CREATE INDEX reg_bookings_work_day ON reg_bookings (work_day, slot);
